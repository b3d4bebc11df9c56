// Imported before uPlot, which builds `Intl.NumberFormat(navigator.language)` as it loads and so throws on a
// tag Intl rejects (`en-US@posix`, as Chromium reports under a POSIX locale).
import { guardNavigatorLanguage } from '#web/lib/locale.ts';

guardNavigatorLanguage();
