/**
 * Telegram's theme on the page: each theme colour becomes a CSS variable
 * (`bg_color` → `--tg-bg-color`), and the page is light or dark as the
 * background is. Opened outside Telegram, the browser's own preference decides.
 */
import type { ThemeParams } from './launch.js';

/** True when a `#rrggbb` colour is dark (relative luminance under one half). */
export function isDark(colour: string): boolean {
  const hex = colour.replace('#', '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
  const [r = 255, g = 255, b = 255] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.5;
}

/** Puts the theme's colours on the page (CSSOM: allowed by the CSP, which forbids inline styles). */
export function applyTheme(theme: ThemeParams): void {
  const root = document.documentElement;
  for (const [key, colour] of Object.entries(theme)) root.style.setProperty(`--tg-${key.replace(/_/g, '-')}`, colour);
  const bg = theme.bg_color;
  const scheme = bg ? (isDark(bg) ? 'dark' : 'light') : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  root.dataset.scheme = scheme;
}

/** Telegram's safe areas (the device's and Telegram's own header) as CSS variables, in px. */
export function applyInsets(kind: 'safe' | 'content', insets: unknown): void {
  if (typeof insets !== 'object' || insets === null) return;
  const root = document.documentElement;
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const value = (insets as Record<string, unknown>)[side];
    if (typeof value === 'number') root.style.setProperty(`--tg-${kind}-${side}`, `${value}px`);
  }
}
