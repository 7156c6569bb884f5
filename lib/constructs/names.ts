/** `request-approval` → `RequestApproval`: construct ids and output names from registry ids. */
export function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}
