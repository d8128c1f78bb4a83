/** Reads a password: asked for twice without echo on a terminal, or the first line of piped stdin. */
import { createInterface } from 'node:readline';

function readPiped(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (text += chunk));
    process.stdin.on('end', () => resolve(text.split(/\r?\n/)[0] ?? ''));
    process.stdin.on('error', reject);
  });
}

function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void };
    let prompted = false;
    // readline echoes what is typed; after the prompt, write nothing back.
    output._writeToOutput = (text: string) => {
      if (!prompted) {
        process.stderr.write(text);
        prompted = true;
      }
    };
    rl.question(question, (answer) => {
      process.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
  });
}

/** The password, from the terminal (confirmed) or from stdin. Throws when the two typed copies differ. */
export async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readPiped();
  const first = await askHidden('Password (at least 8 characters): ');
  const second = await askHidden('Password again: ');
  if (first !== second) throw new Error('The two passwords differ.');
  return first;
}
