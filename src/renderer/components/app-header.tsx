// Title, the one-line summary of all keys, Refresh, and the three tabs.
import type { Tab } from "../lib/route";
import type { Tone } from "../lib/target-state";
import { Icon } from "./icon";
import { NavTabs } from "./nav-tabs";

interface AppHeaderProps {
  summary: string;
  tone: Tone;
  tab: Tab;
  refreshing: boolean;
  canRefresh: boolean;
  onRefresh: () => void;
  onTab: (tab: Tab) => void;
}

export function AppHeader({ summary, tone, tab, refreshing, canRefresh, onRefresh, onTab }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header-row">
        <span className={`app-glyph tone-${tone}`} aria-hidden="true">
          <Icon name="key" />
        </span>
        <div className="app-header-text">
          <h1 className="app-title">CDP Key Rotator</h1>
          <p className="app-summary" role="status" aria-live="polite" data-testid="summary" title={summary}>
            {summary}
          </p>
        </div>
        <button
          type="button"
          className="icon-button"
          onClick={onRefresh}
          disabled={refreshing || !canRefresh}
          aria-label={refreshing ? "Refreshing all keys" : "Refresh all keys"}
          title="Refresh"
        >
          <Icon name="refresh" className={refreshing ? "spin" : undefined} />
        </button>
      </div>
      <NavTabs current={tab} onSelect={onTab} />
    </header>
  );
}
