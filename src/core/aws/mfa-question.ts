// The one wording of the MFA question, for the CLI's prompt and the app's dialog alike.
export function mfaQuestion(serial: string): string {
  return `AWS asks for a code from your MFA device ${serial}. Enter the 6-digit code it shows now.`;
}
