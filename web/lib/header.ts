// The site's header: the same navigation on every page, the current one marked. Imported by each page's
// script (and the landing page's), so the pages' HTML holds no copy of it.
const LINKS: readonly (readonly [href: string, label: string])[] = [
  ['/math/', 'Math'],
  ['/mouse/', 'Mouse tracker'],
  ['/palettes/', 'Palettes'],
  ['/formulas/', 'Formulas'],
  ['/weather/', 'Weather'],
  ['/docs/', 'API docs'],
];

const link = (href: string, label: string): HTMLAnchorElement => {
  const a = Object.assign(document.createElement('a'), { href, textContent: label });
  if (location.pathname === href) a.setAttribute('aria-current', 'page');
  return a;
};

const nav = document.createElement('nav');
nav.setAttribute('aria-label', 'Site');
const home = link('/', 'Serverless suite');
home.className = 'brand';
nav.append(home, ...LINKS.map(([href, label]) => link(href, label)));
const header = Object.assign(document.createElement('header'), { className: 'site-header' });
header.append(nav);
document.body.prepend(header);
