// Leak scan: a full rotation in the browser preview against the sandbox, then everything the page
// holds or saw (DOM, storage, cookies, every request and response, the event stream, the console)
// is searched for the Jamf Pro client secret, the AWS admin secret and the old and new CDP secret
// keys. A control plants a marker in every one of those places and proves the scan finds it.
import { addSandboxTarget, card, rotateDeletingNow } from "./flow-support/flow-actions";
import { expect, test } from "./flow-support/flow-fixture";
import { startLeakScanner, LEAK_SOURCES } from "./flow-support/leak-scanner";
import { jamfSecret } from "./flow-support/sandbox-checks";

test.describe.configure({ timeout: 120_000 });

test("no secret reaches the page during a full rotation, and the scan would find one that did", async ({ page, host }) => {
  const { world } = host;
  const scanner = await startLeakScanner(page);
  await host.open();
  await addSandboxTarget(page);
  const region = await rotateDeletingNow(page, "Sandbox");
  await region.getByRole("button", { name: "Done" }).click();
  await expect(card(page, "Sandbox")).toBeVisible();

  const newSecret = jamfSecret(world);
  expect(newSecret).not.toBe(world.cdpKey.secretAccessKey);
  const secrets = {
    "Jamf Pro client secret": world.jamfClient.clientSecret,
    "new AWS secret key": newSecret,
    "old AWS secret key": world.cdpKey.secretAccessKey,
    "AWS admin secret key": world.admin.secretAccessKey,
  };
  const counts = await scanner.counts();
  for (const source of LEAK_SOURCES.filter((s) => s !== "console" && s !== "cookies")) {
    expect(counts[source], `the scan gathered ${source}`).toBeGreaterThan(0);
  }
  expect(await scanner.find(secrets)).toEqual([]);

  // Control: plant a marker in each place; the same scan must find it in every one.
  const marker = `Leak${Date.now().toString(36)}`;
  const [target] = await page.evaluate(async () => {
    const listed = await window.cdp!.targets.list({});
    return listed.ok ? listed.value : [];
  });
  expect(target).toBeDefined();
  await page.evaluate(
    async ({ marker, target }) => {
      const { id, createdAt: _c, updatedAt: _u, hasSecret: _h, ...input } = target;
      // A rename: the answer, the status event and the card all carry the new name.
      await window.cdp!.targets.save({ targetId: id, target: { ...input, name: `Sandbox ${marker}` } });
      localStorage.setItem("planted", marker);
      document.cookie = `planted=${marker}; SameSite=Strict`;
      console.log("planted", marker);
      // An error that echoes the id the page sent: a request and a response body with the marker.
      await window.cdp!.status.refresh({ targetId: marker });
    },
    { marker, target: target! },
  );
  await expect(card(page, `Sandbox ${marker}`)).toBeVisible();
  await expect.poll(async () => new Set((await scanner.find({ marker })).map((hit) => hit.source)).size, { timeout: 10_000 }).toBe(LEAK_SOURCES.length);
});
