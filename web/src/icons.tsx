/** The tab icons, drawn inline (no icon font, no file from another host; emoji fonts differ from phone to phone). */
import type { Tab } from './routes.js';

const PATHS: Readonly<Record<Tab, readonly string[]>> = {
  paper: ['M4 5h13v14H6a2 2 0 0 1-2-2z', 'M17 9h3v8a2 2 0 0 1-2 2h-1', 'M7 9h7', 'M7 12h7', 'M7 15h4'],
  search: ['M10.5 4a6.5 6.5 0 1 1 0 13a6.5 6.5 0 0 1 0-13z', 'M15.5 15.5L20 20'],
  hotline: ['M4 19V11', 'M9 19V6', 'M14 19v-9', 'M19 19V4', 'M3 19h18'],
  settings: ['M12 8.5a3.5 3.5 0 1 1 0 7a3.5 3.5 0 0 1 0-7z', 'M12 2v3', 'M12 19v3', 'M2 12h3', 'M19 12h3', 'M4.9 4.9l2.1 2.1', 'M17 17l2.1 2.1', 'M4.9 19.1L7 17', 'M17 7l2.1-2.1'],
};

export function TabIcon({ tab }: { tab: Tab }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      {PATHS[tab].map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
