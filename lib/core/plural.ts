/** "1 VM", "3 VMs", "1,000 VMs": counts in messages read as a person would write them. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? word : many}`;
}
