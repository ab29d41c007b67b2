// The product story in a real browser: two people, one project, live collaboration.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { apiAs, drag, eventually, launch, person, shot } from "../lib.mjs";

let browser;
let ada;
let bob;
const workspace = { name: "Acme Labs", slug: "acme-labs" };
let projectId;
let boardUrl;

before(async () => {
  browser = await launch();
  ada = await person(browser, "Ada Lovelace");
  bob = await person(browser, "Bob Builder");
});

after(async () => {
  await browser?.close();
});

async function signUp(someone) {
  const { page } = someone;
  await page.goto("/");
  await page.waitForURL("**/sign-in**");
  await shot(page, "sign-in");
  await page.getByRole("link", { name: "Create an account" }).click();
  await page.getByLabel("Your name").fill(someone.name);
  await page.getByLabel("Email").fill(someone.email);
  await page.getByLabel("Password").fill(someone.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

test("sign up, create a workspace and a project", async () => {
  const { page } = ada;
  await signUp(ada);
  await page.waitForURL("**/workspaces/new");
  await page.getByLabel("Workspace name").fill(workspace.name);
  assert.equal(await page.getByLabel("URL").inputValue(), workspace.slug);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await page.waitForURL(`**/${workspace.slug}/projects`);
  await shot(page, "projects-empty");

  await page.getByRole("button", { name: "New project" }).first().click();
  await page.getByLabel("Name", { exact: true }).fill("Website");
  await page.getByLabel("Identifier").fill("WEB");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.waitForURL(/\/projects\/[0-9a-f-]+\/issues/);
  projectId = page.url().match(/projects\/([0-9a-f-]+)\/issues/)[1];
  boardUrl = `/${workspace.slug}/projects/${projectId}/issues?layout=board`;
  // The sidebar lists the new project.
  await page.getByRole("navigation", { name: "Workspace" }).getByText("Website").waitFor();
  ada.check();
});

test("create work items", async () => {
  const { page } = ada;
  for (const title of ["Design the landing page", "Write the launch post", "Fix the signup bug"]) {
    await page.getByRole("button", { name: "New work item" }).first().click();
    await page.getByLabel("Title").fill(title);
    await page.getByRole("button", { name: "Create work item" }).click();
    await page.getByText(title).first().waitFor();
  }
  const items = await apiAs(ada, "GET", `/api/v1/workspaces/${workspace.slug}/projects/${projectId}/work-items/`);
  assert.deepEqual(items.results.map((i) => i.sequence_id).sort(), [1, 2, 3]);
  await shot(page, "list");
  ada.check();
});

test("a second member signs up and joins by invitation", async () => {
  const invitation = await apiAs(ada, "POST", `/api/v1/workspaces/${workspace.slug}/invitations/`, {
    email: bob.email,
    role: "member",
  });
  await signUp(bob);
  await bob.page.waitForURL("**/workspaces/new");
  await bob.page.goto(`/invitations/${invitation.token}`);
  await bob.page.getByRole("button", { name: "Accept and join" }).click();
  await bob.page.waitForURL(`**/${workspace.slug}/projects`);
  const me = await apiAs(bob, "GET", "/api/v1/auth/me/");
  bob.id = me.id;
  await apiAs(ada, "POST", `/api/v1/workspaces/${workspace.slug}/projects/${projectId}/project-members/`, {
    member: bob.id,
    role: 15,
  });
  bob.check();
});

test("a card dragged to another column moves live in the other member's board", async () => {
  await ada.page.goto(boardUrl);
  await bob.page.goto(boardUrl);
  const card = (page) => page.getByTestId("card").filter({ hasText: "WEB-1" });
  const column = (page, name) => page.getByRole("region", { name, exact: true });
  await card(ada.page).waitFor();
  await card(bob.page).waitFor();
  await shot(ada.page, "board");
  assert.equal(await column(bob.page, "In Progress").getByTestId("card").count(), 0);

  await drag(ada.page, card(ada.page), column(ada.page, "In Progress"));
  await column(ada.page, "In Progress").getByTestId("card").filter({ hasText: "WEB-1" }).waitFor();
  // Bob's page is not reloaded: the move arrives over the WebSocket.
  await column(bob.page, "In Progress").getByTestId("card").filter({ hasText: "WEB-1" }).waitFor({ timeout: 10_000 });
  assert.equal(await column(bob.page, "Backlog").getByTestId("card").filter({ hasText: "WEB-1" }).count(), 0);

  const states = await apiAs(ada, "GET", `/api/v1/workspaces/${workspace.slug}/projects/${projectId}/states/`);
  const inProgress = states.results.find((s) => s.name === "In Progress");
  const items = await apiAs(ada, "GET", `/api/v1/workspaces/${workspace.slug}/projects/${projectId}/work-items/`);
  assert.equal(items.results.find((i) => i.sequence_id === 1).state, inProgress.id, "the move was saved");
  ada.check();
  bob.check();
});

test("a mention in a comment raises the member's unread badge live", async () => {
  const badge = bob.page.getByTestId("unread-badge");
  const unreadBefore = (await badge.count()) ? Number(await badge.textContent()) : 0;

  const { page } = ada;
  await page.getByTestId("card").filter({ hasText: "WEB-1" }).click();
  const peek = page.getByRole("dialog", { name: "Work item WEB-1" });
  await peek.waitFor();
  const editor = peek.getByRole("textbox", { name: "Add a comment" });
  await editor.click();
  await page.keyboard.type("Could you review this, @Bob");
  await page.getByRole("option", { name: /Bob Builder/ }).click();
  await page.keyboard.type(" please?");
  await peek.getByRole("button", { name: "Comment", exact: true }).click();
  await peek.getByText("please?").waitFor();
  await shot(page, "work-item-peek");

  await eventually(
    async () => ((await badge.count()) ? Number(await badge.textContent()) : 0),
    (n) => n === unreadBefore + 1,
    { what: "Bob's unread badge to increment" },
  );
  ada.check();
  bob.check();
});

test("upload an attachment and download it", async () => {
  const { page } = ada;
  const peek = page.getByRole("dialog", { name: "Work item WEB-1" });
  const content = `release notes ${Date.now()}\n`;
  await peek.getByLabel("Upload attachment").setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from(content),
  });
  const link = peek.getByRole("link", { name: "notes.txt" });
  await link.waitFor();
  const href = await link.getAttribute("href");
  assert.ok(href, "the attachment links to its download");
  const response = await ada.context.request.get(new URL(href, page.url()).toString());
  assert.equal(response.status(), 200);
  assert.equal(await response.text(), content);
  await shot(page, "attachments");
  ada.check();
});

test("a profile picture is uploaded, shown and removed", async () => {
  const { page } = ada;
  await page.goto(`/${workspace.slug}/profile`);
  // A 1×1 PNG: the server reads the bytes, not the name or the stated type.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  );
  await page.getByLabel("Upload picture").setInputFiles({ name: "me.png", mimeType: "image/png", buffer: png });
  const picture = page.locator("img.avatar").first();
  await picture.waitFor();
  const src = await picture.getAttribute("src");
  const served = await ada.context.request.get(new URL(src, page.url()).toString());
  assert.equal(served.status(), 200);
  assert.equal(served.headers()["content-type"], "image/png");
  assert.deepEqual(Buffer.from(await served.body()), png);
  await shot(page, "profile");

  // Bob shares the workspace, so his browser may load it too.
  const seenByBob = await bob.context.request.get(new URL(src, page.url()).toString());
  assert.equal(seenByBob.status(), 200);

  await page.getByRole("button", { name: "Remove picture" }).click();
  await page.getByLabel("Upload picture").waitFor();
  assert.equal(await page.locator("img.avatar").count(), 0);
  ada.check();
});

test("the inbox lists the mention", async () => {
  const { page } = bob;
  await page.goto(`/${workspace.slug}/notifications`);
  await page.getByText(/WEB-1|Design the landing page/).first().waitFor();
  await shot(page, "inbox");
  bob.check();
});

export { workspace };
