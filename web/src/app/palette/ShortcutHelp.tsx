// The "?" dialog: every shortcut, from the one table in shortcuts.ts.
import { Dialog } from "../../ui/Dialog";
import { isMac, keyLabel, SHORTCUTS } from "../shortcuts";

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  const mac = isMac();
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcut-table">
        <caption className="visually-hidden">Keyboard shortcuts</caption>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action}>
              <th scope="row">{shortcut.label}</th>
              <td>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && <span className="shortcut-then"> then </span>}
                    <kbd>{keyLabel(key, mac)}</kbd>
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="shortcut-note">Single-key shortcuts do nothing while you type in a field.</p>
    </Dialog>
  );
}
