// Everything a page could hold or see, gathered in one place so a test can search it for secrets:
// the DOM (markup, form values, shadow roots), web storage, cookies, IndexedDB and Cache Storage
// names, every network request and response body (the event stream's messages through the
// DevTools protocol, as EventSource never ends its body), and every console message.
import type { Page } from "@playwright/test";

export type LeakSource = "dom" | "storage" | "cookies" | "requests" | "responses" | "event-stream" | "console";
export const LEAK_SOURCES: readonly LeakSource[] = ["dom", "storage", "cookies", "requests", "responses", "event-stream", "console"];

export interface LeakScanner {
  /** For each secret that was found: where, with a short excerpt around it. Empty when none leaked. */
  find(secrets: Record<string, string>): Promise<{ secret: string; source: LeakSource; where: string }[]>;
  /** How many items of each source were gathered (a scan of nothing proves nothing). */
  counts(): Promise<Record<LeakSource, number>>;
}

interface Item {
  source: LeakSource;
  where: string;
  text: string;
}

/** Starts recording at once; call before the page opens the app. */
export async function startLeakScanner(page: Page): Promise<LeakScanner> {
  const recorded: Item[] = [];
  const pending: Promise<void>[] = [];

  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  cdp.on("Network.eventSourceMessageReceived", (event) => {
    recorded.push({ source: "event-stream", where: `event ${event.eventName}`, text: event.data });
  });

  page.on("request", (request) => {
    recorded.push({ source: "requests", where: `${request.method()} ${request.url()}`, text: `${request.url()}\n${JSON.stringify(request.headers())}\n${request.postData() ?? ""}` });
  });
  page.on("response", (response) => {
    const where = `${response.status()} ${response.url()}`;
    const headers = response.headers();
    recorded.push({ source: "responses", where: `${where} (headers)`, text: JSON.stringify(headers) });
    if ((headers["content-type"] ?? "").includes("text/event-stream")) return; // read through the DevTools protocol above
    pending.push(
      response.text().then(
        (text) => void recorded.push({ source: "responses", where, text }),
        () => undefined,
      ),
    );
  });
  page.on("console", (message) => {
    pending.push(
      Promise.all(message.args().map((arg) => arg.jsonValue().then((value) => JSON.stringify(value), () => "")))
        .then((args) => void recorded.push({ source: "console", where: `console.${message.type()}`, text: `${message.text()}\n${args.join("\n")}` }))
        .catch(() => void recorded.push({ source: "console", where: `console.${message.type()}`, text: message.text() })),
    );
  });
  page.on("pageerror", (error) => recorded.push({ source: "console", where: "pageerror", text: `${error.message}\n${error.stack ?? ""}` }));

  const snapshot = async (): Promise<Item[]> => {
    await Promise.all(pending);
    const inPage = await page.evaluate(async () => {
      const shadowMarkup: string[] = [];
      const values: string[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const element of root.querySelectorAll("*")) {
          if (element.shadowRoot) {
            shadowMarkup.push(element.shadowRoot.innerHTML);
            walk(element.shadowRoot);
          }
          if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) values.push(element.value);
        }
      };
      walk(document);
      const storage = (store: Storage) => JSON.stringify(Object.fromEntries(Array.from({ length: store.length }, (_, i) => store.key(i) ?? "").map((key) => [key, store.getItem(key)])));
      const databases = "databases" in indexedDB ? (await indexedDB.databases()).map((db) => db.name ?? "") : [];
      const caches = "caches" in window ? await window.caches.keys() : [];
      return {
        dom: [document.documentElement.outerHTML, ...shadowMarkup, values.join("\n"), document.title].join("\n"),
        storage: `${storage(localStorage)}\n${storage(sessionStorage)}\n${databases.join("\n")}\n${caches.join("\n")}`,
        documentCookie: document.cookie,
      };
    });
    const cookies = await page.context().cookies();
    return [
      ...recorded,
      { source: "dom", where: "document", text: inPage.dom },
      { source: "storage", where: "localStorage, sessionStorage, IndexedDB, Cache Storage", text: inPage.storage },
      { source: "cookies", where: "cookies", text: `${JSON.stringify(cookies)}\n${inPage.documentCookie}` },
    ];
  };

  return {
    async find(secrets) {
      const items = await snapshot();
      const found: { secret: string; source: LeakSource; where: string }[] = [];
      for (const [name, secret] of Object.entries(secrets)) {
        const forms = [secret, encodeURIComponent(secret), Buffer.from(secret).toString("base64"), JSON.stringify(secret).slice(1, -1)];
        for (const item of items) {
          if (forms.some((form) => item.text.includes(form))) found.push({ secret: name, source: item.source, where: item.where });
        }
      }
      return found;
    },
    async counts() {
      const items = await snapshot();
      return Object.fromEntries(LEAK_SOURCES.map((source) => [source, items.filter((item) => item.source === source).length])) as Record<LeakSource, number>;
    },
  };
}
