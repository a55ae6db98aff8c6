/**
 * Telegram's theme on the page: each theme colour becomes a CSS variable
 * (`bg_color` → `--tg-bg-color`), and the page is light or dark as the
 * background is. Opened outside Telegram, the browser's own preference decides.
 *
 * Telegram's own palettes put some text below WCAG's 4.5:1 (its light theme's
 * #3390ec links on white: 3.6:1; white on that blue: 3.6:1), so the colours text
 * is written in are moved towards black or white until they reach 4.5:1 against
 * what they stand on; the hue stays.
 */
import type { ThemeParams } from './launch.js';

type Rgb = readonly [number, number, number];

function parse(colour: string): Rgb | null {
  const hex = colour.replace('#', '');
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex.slice(0, 6);
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

const hex = (rgb: Rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** True when a `#rrggbb` colour is dark. */
export function isDark(colour: string): boolean {
  const rgb = parse(colour);
  return rgb !== null && luminance(rgb) < 0.18;
}

/**
 * `colour` moved towards black (on a light `against`) or white (on a dark one) in small
 * steps until its contrast with `against` reaches `ratio`. Unchanged when it already does.
 */
export function readable(colour: string, against: string, ratio = 4.5): string {
  const fg = parse(colour);
  const bg = parse(against);
  if (!fg || !bg) return colour;
  const target: Rgb = luminance(bg) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  for (let step = 0; step <= 20; step++) {
    const t = step / 20;
    const mixed = fg.map((v, i) => v + (target[i]! - v) * t) as unknown as Rgb;
    if (contrast(mixed, bg) >= ratio) return step === 0 ? colour : hex(mixed);
  }
  return hex(target);
}

/** Puts the theme's colours on the page (CSSOM: allowed by the CSP, which forbids inline styles). */
export function applyTheme(theme: ThemeParams): void {
  const root = document.documentElement;
  const colours: Record<string, string> = { ...theme };
  const bg = theme.bg_color;
  const secondary = theme.secondary_bg_color ?? bg;
  if (bg) {
    for (const key of ['link_color', 'accent_text_color', 'destructive_text_color', 'hint_color', 'subtitle_text_color']) {
      const colour = theme[key];
      // Text of these colours stands on the page and on the secondary background (the tab bar, settings groups).
      if (colour) colours[key] = readable(readable(colour, bg), secondary ?? bg);
    }
  }
  if (theme.button_color && theme.button_text_color) {
    // The button's colour is what moves: its text stays Telegram's.
    colours.button_color = readable(theme.button_color, theme.button_text_color);
  }
  for (const [key, colour] of Object.entries(colours)) root.style.setProperty(`--tg-${key.replace(/_/g, '-')}`, colour);
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
