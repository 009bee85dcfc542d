// A segmented control for the three top-level views. Plain buttons with aria-current, so Tab
// reaches each one and Enter or Space opens it.
import type { Tab } from "../lib/route";

const TABS: { id: Tab; label: string }[] = [
  { id: "overview", label: "Overview" },
  { id: "history", label: "History" },
  { id: "settings", label: "Settings" },
];

export function NavTabs({ current, onSelect }: { current: Tab; onSelect: (tab: Tab) => void }) {
  return (
    <nav className="segmented" aria-label="Views">
      {TABS.map((tab) => (
        <button
          key={tab.id}
          type="button"
          className="segment"
          aria-current={tab.id === current ? "page" : undefined}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </nav>
  );
}
