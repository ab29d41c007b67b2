// A read-only value with a Copy button (invitation links, webhook secrets, API tokens).
import { useId, useRef, useState } from "react";
import { toast, toastError } from "../../ui/toast";

export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  throw new Error("This browser does not allow copying here. Select the text and copy it by hand.");
}

export function CopyField({
  label,
  value,
  monospace = true,
  hideLabel = false,
}: {
  label: string;
  value: string;
  monospace?: boolean;
  hideLabel?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-field">
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : "field-label"}>
        {label}
      </label>
      <div className="copy-field-row">
        <input
          id={id}
          ref={input}
          readOnly
          value={value}
          className={monospace ? "copy-field-input mono" : "copy-field-input"}
          onFocus={(event) => event.target.select()}
        />
        <button
          type="button"
          className="button"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={() =>
            copyText(value).then(
              () => {
                setCopied(true);
                toast("Copied to the clipboard.");
                setTimeout(() => setCopied(false), 2000);
              },
              (error: unknown) => {
                input.current?.select();
                toastError(error);
              },
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
