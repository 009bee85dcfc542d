// Flow: the add-instance form's "Least privilege" link to Jamf's documentation of API roles and
// clients. It is a real link (role, name, address) and activating it asks the host, through the
// allow-listed open-external channel, to open exactly that address; the preview then opens it in a
// new tab without an opener, as Electron's shell.openExternal would open the default browser.
import { JAMF_API_ROLES_AND_CLIENTS_DOC_URL } from "../../src/shared/jamf-api-client";
import { goToTab } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";

test("the add-instance form lists the two privileges and links to Jamf's API roles and clients documentation", async ({ page, context, host }) => {
  // No internet here: answer the documentation address locally, and count what gets opened.
  await context.route("https://learn.jamf.com/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>Jamf docs</title>" }));
  const opened: string[] = [];
  context.on("page", (tab) => {
    if (tab !== page) opened.push(tab.url());
  });
  await host.open();
  await goToTab(page, "Settings");
  await page.getByRole("region", { name: "Jamf Pro instances" }).getByRole("button", { name: "Add" }).click();
  const form = page.getByRole("region", { name: "Add Jamf Pro instance" });
  const hint = form.getByTestId("auth-hint");
  await expect(hint.getByRole("listitem")).toHaveText(["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);

  const link = form.getByRole("link", { name: /^Least privilege/ });
  await expect(link).toHaveAccessibleName("Least privilege: Jamf Pro documentation of API roles and clients (opens in your browser)");
  await expect(link).toHaveAttribute("href", JAMF_API_ROLES_AND_CLIENTS_DOC_URL);
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");

  const request = page.waitForRequest((r) => r.url().endsWith("/ipc/cdp:app:open-external"));
  const tab = context.waitForEvent("page");
  await link.click();
  expect((await request).postDataJSON()).toEqual({ url: JAMF_API_ROLES_AND_CLIENTS_DOC_URL });
  const docs = await tab;
  await docs.waitForLoadState();
  expect(docs.url()).toBe(JAMF_API_ROLES_AND_CLIENTS_DOC_URL);
  // The popover itself did not navigate, and exactly one tab opened (not the link's own target too).
  await expect(form).toBeVisible();
  expect(page.url()).toBe(`${new URL(host.preview.url).origin}/`);
  await page.waitForTimeout(300);
  expect(opened).toHaveLength(1);
  await docs.close();

  // The user-account hint lists the same two privileges.
  await form.getByRole("radio", { name: "User account" }).check();
  await expect(hint.getByRole("listitem")).toHaveText(["Read Cloud Distribution Point", "Update Cloud Distribution Point"]);
  await expect(hint).toContainText("an API client is the better choice");
});
