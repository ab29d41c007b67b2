// Who can see a project: public (every workspace member) or secret (its members only).
export function NetworkChoice({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const options = [
    { value: 2, label: "Public", hint: "Every member of the workspace can see it." },
    { value: 0, label: "Secret", hint: "Only people added to the project can see it." },
  ];
  return (
    <fieldset className="pj-radio-group">
      <legend>Visibility</legend>
      {options.map((option) => (
        <label key={option.value} className="pj-radio">
          <input
            type="radio"
            name="network"
            value={option.value}
            checked={value === option.value}
            onChange={() => onChange(option.value)}
          />
          <span>
            {option.label}
            <span>{option.hint}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
