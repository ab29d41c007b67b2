// "New project": name, identifier (derived from the name until edited), description and who
// can see it. On success the sidebar's project list refreshes and the project opens.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api, ApiError, call } from "../../api/client";
import { keys } from "../../api/keys";
import { Field } from "../../ui/common";
import { Dialog } from "../../ui/Dialog";
import { toastError } from "../../ui/toast";
import { deriveIdentifier, IDENTIFIER_MAX, identifierProblem, nameProblem } from "./identifier";
import { NetworkChoice } from "./NetworkChoice";

export function CreateProjectDialog({ slug, open, onClose }: { slug: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} title="New project" onClose={onClose}>
      <CreateProjectForm slug={slug} onClose={onClose} />
    </Dialog>
  );
}

function CreateProjectForm({ slug, onClose }: { slug: string; onClose: () => void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState("");
  const [identifier, setIdentifier] = useState("");
  const [edited, setEdited] = useState(false);
  const [description, setDescription] = useState("");
  const [network, setNetwork] = useState(2);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST("/api/v1/workspaces/{slug}/projects/", {
          params: { path: { slug } },
          body: { name: name.trim(), identifier: identifier.trim(), description: description.trim(), network },
        }),
      ),
    onSuccess: (project) => {
      void client.invalidateQueries({ queryKey: keys.projects(slug) });
      onClose();
      navigate(`/${slug}/projects/${project.id}/issues`);
    },
    onError: (error) => {
      if (error instanceof ApiError && (error.field("name") || error.field("identifier"))) {
        setErrors({ name: error.field("name"), identifier: error.field("identifier") });
      } else toastError(error);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const found = { name: nameProblem(name), identifier: identifierProblem(identifier) };
    setErrors(found);
    if (found.name || found.identifier) return;
    create.mutate();
  }

  return (
    <form className="pj-form" onSubmit={submit} noValidate>
      <Field label="Name" error={errors.name}>
        <input
          value={name}
          autoFocus
          maxLength={255}
          aria-invalid={Boolean(errors.name)}
          onChange={(event) => {
            setName(event.target.value);
            if (!edited) setIdentifier(deriveIdentifier(event.target.value));
          }}
        />
      </Field>
      <Field
        label="Identifier"
        error={errors.identifier}
        hint={`Prefixes work item keys, as in ${identifier.trim() || "WEB"}-42. Up to ${IDENTIFIER_MAX} letters or digits.`}
      >
        <input
          value={identifier}
          maxLength={IDENTIFIER_MAX}
          aria-invalid={Boolean(errors.identifier)}
          autoCapitalize="characters"
          onChange={(event) => {
            setEdited(true);
            setIdentifier(event.target.value.toUpperCase());
          }}
        />
      </Field>
      <Field label="Description (optional)">
        <textarea value={description} onChange={(event) => setDescription(event.target.value)} />
      </Field>
      <NetworkChoice value={network} onChange={setNetwork} />
      <div className="pj-form-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create project"}
        </button>
      </div>
    </form>
  );
}
