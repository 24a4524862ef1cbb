// Line icons as inline SVG data URIs: no image files, fonts or CDNs, and the same look in weapp
// (wxss background-image accepts data URIs) and H5.

function svg(body: string, stroke = '#ffffff'): string {
  const doc = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" fill="none" stroke="${stroke}" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`
  return `url("data:image/svg+xml,${encodeURIComponent(doc)}")`
}

export const ICONS = {
  scan: svg('<path d="M8 17V8h9M31 8h9v9M40 31v9h-9M17 40H8v-9"/><path d="M12 24h24"/>'),
  declare: svg('<path d="M10 40V14l14-7 14 7v26"/><path d="M6 40h36"/><path d="M19 40v-9h10v9"/><path d="M18 20h2M28 20h2M18 26h2M28 26h2"/>'),
  join: svg('<circle cx="20" cy="16" r="7"/><path d="M7 40c0-8 6-13 13-13 3 0 5.5.8 7.5 2.2"/><path d="M36 28v12M30 34h12"/>'),
  tips: svg('<path d="M9 20v8h7l12 8V12l-12 8H9z"/><path d="M34 18c2.5 1.5 4 3.6 4 6s-1.5 4.5-4 6"/>'),
  code: svg('<rect x="8" y="8" width="12" height="12" rx="1"/><rect x="28" y="8" width="12" height="12" rx="1"/><rect x="8" y="28" width="12" height="12" rx="1"/><path d="M28 28h4v4M40 28v12h-8M28 36v4"/>'),
  staff: svg('<circle cx="17" cy="17" r="6"/><circle cx="33" cy="19" r="5"/><path d="M6 38c0-7 5-11 11-11s11 4 11 11M30 29c6 0 12 3 12 9"/>'),
  zones: svg('<path d="M24 42s-13-12-13-22a13 13 0 0 1 26 0c0 10-13 22-13 22z"/><circle cx="24" cy="20" r="5"/>'),
  records: svg('<rect x="9" y="8" width="30" height="34" rx="3"/><path d="M16 18h16M16 26h16M16 34h9"/>'),
  leave: svg('<path d="M20 8H10v32h10"/><path d="M30 16l8 8-8 8M38 24H18"/>'),
  other: svg('<rect x="9" y="9" width="12" height="12" rx="2"/><rect x="27" y="9" width="12" height="12" rx="2"/><rect x="9" y="27" width="12" height="12" rx="2"/><rect x="27" y="27" width="12" height="12" rx="2"/>'),
  user: svg('<circle cx="24" cy="17" r="8"/><path d="M9 42c0-9 7-14 15-14s15 5 15 14"/>'),
  shield: svg('<path d="M24 5l16 6v12c0 10-7 17-16 20C15 40 8 33 8 23V11z"/><path d="M17 24l5 5 9-10"/>'),
  idCard: svg('<rect x="6" y="11" width="36" height="26" rx="3"/><circle cx="17" cy="22" r="4"/><path d="M11 31c1-3 3.3-4 6-4s5 1 6 4M28 20h9M28 27h7"/>', '#1677ff'),
  search: svg('<circle cx="21" cy="21" r="12"/><path d="M30 30l10 10"/>', '#8f959e'),
  arrow: svg('<path d="M18 10l14 14-14 14"/>', '#c2c6cc'),
  companyCode: svg('<rect x="8" y="8" width="12" height="12" rx="1"/><rect x="28" y="8" width="12" height="12" rx="1"/><rect x="8" y="28" width="12" height="12" rx="1"/><path d="M28 28h4v4M40 28v12h-8M28 36v4"/>'),
  attendance: svg('<rect x="9" y="8" width="30" height="34" rx="3"/><path d="M16 18h16M16 26h16M16 34h9"/>'),
  reviews: svg('<rect x="10" y="9" width="28" height="33" rx="3"/><path d="M19 6h10v6H19z"/><path d="M17 27l5 5 9-10"/>'),
  tipSupervise: svg('<circle cx="21" cy="21" r="11"/><path d="M29 29l11 11"/><path d="M16 21l4 4 7-8"/>'),
  tipInbox: svg('<path d="M8 28l5-18h22l5 18v12H8z"/><path d="M8 28h10l2 5h8l2-5h10"/>'),
  resign: svg('<path d="M20 8H10v32h10"/><path d="M30 16l8 8-8 8M38 24H18"/>'),
  building: svg('<path d="M10 40V14l14-7 14 7v26"/><path d="M6 40h36"/><path d="M19 40v-9h10v9"/>', '#1677ff'),
  camera: svg('<path d="M24 12v24M12 24h24"/>', '#9aa3ae'),
} as const

export type IconName = keyof typeof ICONS

/** Icon of a home tile by its key (foundation.md tiles); unknown keys get a neutral icon. */
export function tileIcon(key: string): string {
  return (ICONS as Record<string, string>)[key] ?? ICONS.other
}
