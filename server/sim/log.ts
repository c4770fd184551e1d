/** One line per thing the simulator does, with the time and who did it. */
export function say(who: string, what: string): void {
  const time = new Date().toTimeString().slice(0, 8);
  console.log(`${time}  ${who.padEnd(18)} ${what}`);
}

/** A text cut to `max` characters for a log line, quoted. */
export function quote(text: string, max = 60): string {
  return `"${text.length > max ? `${text.slice(0, max - 1)}…` : text}"`;
}
