/** The portal's branding applied to the page: colours that keep text readable (WCAG 4.5:1) and the theme colour. */

/** The parts of the branding the page shows. */
export interface BrandLook { name: string; primaryColor: string }

type Rgb = [number, number, number];

function parseHex(color: string): Rgb | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** The WCAG contrast ratio of two colours given as luminances. */
function ratio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The brand colour, darkened just enough to reach 4.5:1 against white (for text, links and filled buttons). */
export function readableOnWhite(color: string): string {
  let rgb = parseHex(color) ?? [47, 91, 234];
  for (let i = 0; i < 40 && ratio(luminance(rgb), 1) < 4.6; i++) {
    rgb = rgb.map((c) => c * 0.93) as Rgb;
  }
  return toHex(rgb);
}

/** Sets the brand colours as CSS custom properties and the theme colour (screens set the title). */
export function applyBranding(doc: Document, look: BrandLook): void {
  const strong = readableOnWhite(look.primaryColor);
  const style = doc.documentElement.style;
  style.setProperty('--brand', parseHex(look.primaryColor) ? look.primaryColor : strong);
  style.setProperty('--primary', strong);
  doc.querySelector('meta[name="theme-color"]')?.setAttribute('content', strong);
}
