/** The sign-in form with plain props: branding, the spinner while working, the caller's error message. */
import '@testing-library/jest-dom/vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginForm } from './login-form';

describe('LoginForm', () => {
  afterEach(cleanup);

  it('shows the logo, the name as a heading, the fields, Sign in and the help text', () => {
    render(() => <LoginForm portalName="Acme Support" logoUrl="/logo.png" onSubmit={async () => null} />);
    expect(screen.getByRole('img', { name: 'Acme Support logo' })).toHaveAttribute('src', '/logo.png');
    expect(screen.getByRole('heading', { level: 1, name: 'Acme Support' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email address')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText('Need help? Contact your support team.')).toBeInTheDocument();
  });

  it('shows a spinner while signing in, then the error the caller returns', async () => {
    let finish: (v: string | null) => void = () => undefined;
    const onSubmit = vi.fn(() => new Promise<string | null>((resolve) => { finish = resolve; }));
    render(() => <LoginForm portalName="Acme" logoUrl={null} onSubmit={onSubmit} />);
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: ' ann@example.com ' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button).toBeDisabled();
    expect(button.querySelector('.spinner')).not.toBeNull();
    expect(onSubmit).toHaveBeenCalledWith('ann@example.com', 'secret');
    finish('The email or password is not right.');
    expect(await screen.findByRole('alert')).toHaveTextContent('The email or password is not right.');
    expect(button).toBeEnabled();
  });

  it('asks for missing fields without calling back', () => {
    const onSubmit = vi.fn(async () => null);
    render(() => <LoginForm portalName="Acme" logoUrl={null} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Enter your email address.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('offers "Forgot password?" only when given where it leads (mail is set up)', () => {
    const { unmount } = render(() => <LoginForm portalName="Acme" logoUrl={null} onSubmit={async () => null} />);
    expect(screen.queryByRole('link', { name: 'Forgot password?' })).toBeNull();
    unmount();
    render(() => <LoginForm portalName="Acme" logoUrl={null} forgotPasswordHref="/forgot-password" onSubmit={async () => null} />);
    expect(screen.getByRole('link', { name: 'Forgot password?' })).toHaveAttribute('href', '/forgot-password');
  });
});
