// Two instances holding the same key of one IAM user (issue 9): each card says so, in the core's
// words (sharedKeyDetail), naming the other instance; the full key id is never on the page.
import { sharedKeyDetail } from "../../src/core/rotation/shared-key";
import { KEY_OLD, statusFor } from "./support/fake-scenario";
import { expect, test } from "./support/renderer-fixture";

test("each card of two instances sharing a key says which other instance shares it", async ({ renderer, page }) => {
  const production = statusFor("ok", { name: "Acme Production", jamfUrl: "https://acme.jamfcloud.com/" });
  const staging = statusFor("ok", { targetId: "t-staging", name: "Acme Staging", jamfUrl: "https://acme-staging.jamfcloud.com/" });
  const shared = (status: typeof production, other: typeof production) => ({
    ...status,
    sharedWith: [{ targetId: other.targetId, name: other.name }],
    sharedDetail: sharedKeyDetail(KEY_OLD, [{ targetId: other.targetId, name: other.name }]),
  });
  await renderer.open({ statuses: [shared(production, staging), shared(staging, production)] });

  const prodCard = page.getByRole("article", { name: "Acme Production" });
  await expect(prodCard.getByTestId("shared-key")).toContainText('Shares its key AKIA…');
  await expect(prodCard.getByTestId("shared-key")).toContainText('with "Acme Staging": rotating it here would break that instance.');
  await expect(page.getByRole("article", { name: "Acme Staging" }).getByTestId("shared-key")).toContainText('with "Acme Production"');
  expect(await page.content()).not.toContain(KEY_OLD);
});

test("a card whose key nobody else holds shows no sharing line", async ({ renderer, page }) => {
  await renderer.open({ statuses: [{ ...statusFor("ok", { name: "Acme Production" }), sharedWith: [], sharedDetail: null }] });
  await expect(page.getByRole("article", { name: "Acme Production" }).getByTestId("shared-key")).toHaveCount(0);
});
