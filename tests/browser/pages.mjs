// The pages the browser suite looks at: one of each kind in each language.
export const langs = ["tc", "sc", "en"];
export const kinds = {
  home: (l) => `${l}/`,
  pillar: (l) => `${l}/pillars/innovation-technology/`,
  proposal: (l) => `${l}/proposals/pilot-bases/`,
  full: (l) => `${l}/full/`,
  search: (l) => `${l}/search/`,
};
export const everyKind = langs.flatMap((l) => Object.entries(kinds).map(([kind, path]) => ({ lang: l, kind, path: path(l) })));
