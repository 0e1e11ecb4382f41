/**
 * What went wrong when the issuer sent the browser back (Better Auth redirects to /sign-in?error=<code>). Only codes
 * Arbor knows get their own words; the issuer's `error_description` is not shown, since anyone can put text in a link.
 */
export function oidcErrorMessage(code: string, name: string): string {
  switch (code) {
    case "INVITE_REQUIRED":
      return `Your ${name} account has no Arbor account yet, and accounts are made by invitation. Ask a workspace owner for an invite link, open it, and choose “Join with ${name}” there.`;
    case "INVITE_EXPIRED":
      return "That invite link does not work any more: it may have expired or been used already. Ask the workspace owner for a new one.";
    case "account_not_linked":
      return `An Arbor account already uses this email, and ${name} did not confirm the address is yours. Sign in with your password instead.`;
    case "email_not_found":
      return `${name} did not share an email address, which Arbor needs for an account.`;
    case "access_denied":
      return `Sign-in was cancelled at ${name}.`;
    case "state_mismatch":
    case "state_not_found":
    case "please_restart_the_process":
      return "The sign-in took too long or was started in another tab. Try again.";
    default:
      return /^[A-Za-z0-9_.-]{1,64}$/.test(code) ? `Sign-in with ${name} failed (${code}). Try again, or ask a workspace owner.` : `Sign-in with ${name} failed. Try again.`;
  }
}

/** The alert at the top of the sign-in card after a failed OIDC callback. */
export function OidcError({ code, name }: { code: string; name: string }) {
  return (
    <p role="alert" data-testid="oidc-error" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-800 dark:border-red-900/60 dark:bg-red-950/30 dark:text-red-300">
      {oidcErrorMessage(code, name)}
    </p>
  );
}
