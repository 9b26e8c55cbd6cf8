/** The MCI itself is drawn by the layout; this URL opens it with no VM selected. */
export default function Page() {
  return null;
}
