/** The layout draws the MCI and opens this VM's panel (it reads the VM id from the URL). */
export default function Page() {
  return null;
}
