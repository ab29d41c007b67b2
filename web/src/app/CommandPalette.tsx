// The command palette (Ctrl-K / Cmd-K, "/"): every place and action, and work items by number
// or title. Also hosts the keyboard-shortcut help ("?"). Rendered once by WorkspaceLayout.
import { Command } from "cmdk";
import { useEffect, useRef, useState } from "react";
import { useLocation, useNavigate, useParams } from "react-router";
import { signOut } from "../accounts/session";
import { useProjects } from "../tracker/data";
import { toastError } from "../ui/toast";
import { useWorkspaces } from "./guards";
import {
  createWorkItemIn,
  OPEN_PALETTE,
  openShortcutHelp,
  projectIdFromPath,
  SHORTCUT_HELP,
  type PaletteMode,
} from "./palette/bus";
import { peekHref, projectCommands, workspaceCommands, type Hit } from "./palette/commands";
import { ShortcutHelp } from "./palette/ShortcutHelp";
import { useWorkItemSearch } from "./palette/useWorkItemSearch";
import { applyTheme, storedTheme, type Theme } from "./theme";
import "./palette/palette.css";

type Page = PaletteMode | "theme" | "workspace";

const PLACEHOLDERS: Record<Page, string> = {
  root: "Type a command, a page, or a work item's number or title…",
  search: "Search work items by number (WEB-12) or title…",
  create: "Create work item in which project?",
  theme: "Choose a theme…",
  workspace: "Switch to which workspace?",
};

export function CommandPalette() {
  const slug = useParams().slug ?? "";
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [open, setOpen] = useState(false);
  const [page, setPage] = useState<Page>("root");
  const [text, setText] = useState("");
  const [help, setHelp] = useState(false);
  const [selected, setSelected] = useState("");
  const search = useWorkItemSearch(slug, open && (page === "root" || page === "search") ? text : "");
  const firstHit = search.hits[0];
  const firstHitValue = firstHit ? hitValue(firstHit) : "";
  // Hits arrive after the typing: select the first one, as cmdk does for what it filters itself.
  const [lastHit, setLastHit] = useState("");
  if (firstHitValue !== lastHit) {
    setLastHit(firstHitValue);
    if (firstHitValue) setSelected(firstHitValue);
  }
  const dialog = useRef<HTMLDialogElement>(null);
  const state = useRef({ open, page });
  useEffect(() => {
    state.current = { open, page };
  });

  useEffect(() => {
    function onOpen(event: Event) {
      const mode = (event as CustomEvent<PaletteMode>).detail ?? "root";
      if (state.current.open && mode === "root" && state.current.page === "root") {
        setOpen(false);
        return;
      }
      setPage(mode);
      setText("");
      setSelected("");
      setOpen(true);
    }
    const onHelp = () => setHelp(true);
    window.addEventListener(OPEN_PALETTE, onOpen);
    window.addEventListener(SHORTCUT_HELP, onHelp);
    return () => {
      window.removeEventListener(OPEN_PALETTE, onOpen);
      window.removeEventListener(SHORTCUT_HELP, onHelp);
    };
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  function go(nextPage: Page) {
    setPage(nextPage);
    setText("");
    setSelected("");
  }

  function run(action: () => void) {
    setOpen(false);
    action();
  }

  return (
    <>
      <dialog
        ref={dialog}
        className="palette"
        aria-label="Command palette"
        onClose={() => setOpen(false)}
        onClick={(event) => {
          if (event.target === dialog.current) setOpen(false);
        }}
      >
        {open && (
          <Command
            label="Search commands and work items"
            shouldFilter={page !== "search"}
            loop
            value={selected}
            onValueChange={setSelected}
          >
            <div className="palette-head">
              {page !== "root" && (
                <button type="button" className="palette-crumb" onClick={() => go("root")}>
                  <span aria-hidden="true">←</span> {page === "search" ? "Search" : PAGE_TITLES[page]}
                </button>
              )}
              <Command.Input
                value={text}
                onValueChange={setText}
                placeholder={PLACEHOLDERS[page]}
                autoFocus
                onKeyDown={(event) => {
                  if (event.key === "Backspace" && text === "" && page !== "root") {
                    event.preventDefault();
                    go("root");
                  }
                }}
              />
            </div>
            <PaletteBody
              slug={slug}
              page={page}
              text={text}
              search={search}
              projectId={projectIdFromPath(pathname)}
              go={go}
              run={run}
              navigate={(to) => void navigate(to)}
            />
          </Command>
        )}
      </dialog>
      <ShortcutHelp open={help} onClose={() => setHelp(false)} />
    </>
  );
}

function hitValue(hit: Hit): string {
  return `${hit.identifier} ${hit.name} ${hit.id}`;
}

const PAGE_TITLES: Record<Exclude<Page, "search">, string> = {
  root: "",
  create: "Create work item in…",
  theme: "Switch theme…",
  workspace: "Switch workspace…",
};

function PaletteBody({
  slug,
  page,
  text,
  search,
  projectId,
  go,
  run,
  navigate,
}: {
  slug: string;
  page: Page;
  text: string;
  search: ReturnType<typeof useWorkItemSearch>;
  projectId: string | undefined;
  go: (page: Page) => void;
  run: (action: () => void) => void;
  navigate: (to: string) => void;
}) {
  const projects = useProjects(slug).data ?? [];
  const workspaces = useWorkspaces().data ?? [];
  const current = projects.find((p) => p.id === projectId);
  const theme = storedTheme();
  const create = (id: string) => run(() => void createWorkItemIn(navigate, slug, id));

  return (
    <Command.List className="palette-list">
      {search.hits.length === 0 && (
        <Command.Empty>
          {search.loading ? "Searching…" : page === "search" && !text.trim() ? "Type a number or a title." : "No results."}
        </Command.Empty>
      )}
      {(page === "root" || page === "search") && search.hits.length > 0 && (
        <Command.Group heading="Work items" forceMount>
          {search.hits.map((hit) => (
            <Command.Item
              key={hit.id}
              value={hitValue(hit)}
              forceMount
              onSelect={() => run(() => navigate(peekHref(slug, hit)))}
            >
              <span className="palette-key">{hit.identifier}</span>
              <span className="palette-label">{hit.name}</span>
            </Command.Item>
          ))}
        </Command.Group>
      )}
      {page === "root" && (
        <>
          <Command.Group heading="Actions">
            {current && (
              <Command.Item value={`Create work item in ${current.name}`} keywords={["new", "issue", "add"]} onSelect={() => create(current.id)}>
                <span className="palette-label">Create work item in {current.name}</span>
                <kbd>C</kbd>
              </Command.Item>
            )}
            <Command.Item value="Create work item in…" keywords={["new", "issue", "add"]} onSelect={() => go("create")}>
              <span className="palette-label">Create work item in…</span>
            </Command.Item>
            <Command.Item value="Switch theme…" keywords={["dark", "light", "appearance"]} onSelect={() => go("theme")}>
              <span className="palette-label">Switch theme…</span>
            </Command.Item>
            <Command.Item value="Switch workspace…" keywords={workspaces.map((w) => w.name)} onSelect={() => go("workspace")}>
              <span className="palette-label">Switch workspace…</span>
            </Command.Item>
            <Command.Item value="Keyboard shortcuts" keywords={["help", "keys"]} onSelect={() => run(openShortcutHelp)}>
              <span className="palette-label">Keyboard shortcuts</span>
              <kbd>?</kbd>
            </Command.Item>
            <Command.Item
              value="Sign out"
              keywords={["log out", "logout"]}
              onSelect={() => run(() => void signOut().then(() => navigate("/sign-in"), toastError))}
            >
              <span className="palette-label">Sign out</span>
            </Command.Item>
          </Command.Group>
          <Command.Group heading="Go to">
            {workspaceCommands(slug).map((command) => (
              <Command.Item key={command.id} value={command.label} keywords={command.keywords} onSelect={() => run(() => navigate(command.href))}>
                <span className="palette-label">{command.label}</span>
              </Command.Item>
            ))}
          </Command.Group>
          {projects.length > 0 && (
            <Command.Group heading="Projects">
              {projectCommands(slug, projects).map((command) => (
                <Command.Item key={command.id} value={command.label} keywords={command.keywords} onSelect={() => run(() => navigate(command.href))}>
                  <span className="palette-label">{command.label}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
        </>
      )}
      {page === "create" && (
        <Command.Group heading="Create work item in…">
          {projects.map((project) => (
            <Command.Item key={project.id} value={`${project.name} ${project.identifier}`} onSelect={() => create(project.id)}>
              <span className="palette-key">{project.identifier}</span>
              <span className="palette-label">{project.name}</span>
            </Command.Item>
          ))}
        </Command.Group>
      )}
      {page === "theme" && (
        <Command.Group heading="Theme">
          {(["system", "light", "dark"] as Theme[]).map((option) => (
            <Command.Item key={option} value={option} onSelect={() => run(() => applyTheme(option))}>
              <span className="palette-label">{option === "system" ? "System" : option === "light" ? "Light" : "Dark"}</span>
              {option === theme && <span className="palette-hint">Current</span>}
            </Command.Item>
          ))}
        </Command.Group>
      )}
      {page === "workspace" && (
        <Command.Group heading="Workspaces">
          {workspaces.map((w) => (
            <Command.Item key={w.id} value={`${w.name} ${w.slug}`} onSelect={() => run(() => navigate(`/${w.slug}/projects`))}>
              <span className="palette-label">{w.name}</span>
              {w.slug === slug && <span className="palette-hint">Current</span>}
            </Command.Item>
          ))}
          <Command.Item value="Create or join a workspace" onSelect={() => run(() => navigate("/workspaces/new"))}>
            <span className="palette-label">Create or join a workspace</span>
          </Command.Item>
        </Command.Group>
      )}
    </Command.List>
  );
}
