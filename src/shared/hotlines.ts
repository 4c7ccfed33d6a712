// Whom to call: the anti-fraud hotline of each region we support, each with the official page it
// comes from, and the choice of region from the browser's language and time zone until the person
// (or their family) chooses one in the options page. Pure data and functions: no browser API.

export const REGIONS = ['CN', 'HK', 'TW', 'SG', 'MY', 'GB', 'US', 'CA', 'AU', 'IN'] as const;
export type Region = (typeof REGIONS)[number];

export interface HotlineContact {
  /** `_locales` message naming this contact ("Anti-fraud hotline", "Police"). */
  labelKey: string;
  /** A number to dial (shown as written, dialled through a tel: link) … */
  phone?: string;
  /** … or a web address to report online. */
  url?: string;
}

export interface Hotline {
  region: Region;
  /** `_locales` message with the region's name. */
  nameKey: string;
  contacts: HotlineContact[];
  /** The official page that publishes these contacts. */
  source: string;
}

export const HOTLINES: Record<Region, Hotline> = {
  CN: {
    region: 'CN',
    nameKey: 'region_CN',
    contacts: [
      { labelKey: 'hotline_cn_96110', phone: '96110' },
      { labelKey: 'hotline_police', phone: '110' },
    ],
    // 96110 is the national anti-fraud early-warning and dissuasion line of the Ministry of Public Security.
    source: 'https://www.mps.gov.cn/',
  },
  HK: {
    region: 'HK',
    nameKey: 'region_HK',
    contacts: [{ labelKey: 'hotline_hk_18222', phone: '18222' }],
    // Anti-Scam Helpline of the Hong Kong Police Anti-Deception Coordination Centre.
    source: 'https://www.adcc.gov.hk/',
  },
  TW: {
    region: 'TW',
    nameKey: 'region_TW',
    contacts: [{ labelKey: 'hotline_tw_165', phone: '165' }],
    // 165 anti-fraud hotline of the National Police Agency.
    source: 'https://165.npa.gov.tw/',
  },
  SG: {
    region: 'SG',
    nameKey: 'region_SG',
    contacts: [{ labelKey: 'hotline_sg_1799', phone: '1799' }],
    // ScamShield Helpline (National Crime Prevention Council and Singapore Police Force).
    source: 'https://www.scamshield.gov.sg/',
  },
  MY: {
    region: 'MY',
    nameKey: 'region_MY',
    contacts: [{ labelKey: 'hotline_my_997', phone: '997' }],
    // National Scam Response Centre (NSRC).
    source: 'https://nfcc.jpm.gov.my/',
  },
  GB: {
    region: 'GB',
    nameKey: 'region_GB',
    contacts: [
      { labelKey: 'hotline_gb_action_fraud', phone: '0300 123 2040' },
      { labelKey: 'hotline_gb_7726', phone: '7726' },
    ],
    // Action Fraud, the UK's national reporting centre for fraud; 7726 forwards scam texts to operators.
    source: 'https://www.actionfraud.police.uk/',
  },
  US: {
    region: 'US',
    nameKey: 'region_US',
    contacts: [
      { labelKey: 'hotline_us_ftc', url: 'https://reportfraud.ftc.gov/' },
      { labelKey: 'hotline_us_ic3', url: 'https://www.ic3.gov/' },
    ],
    // Federal Trade Commission fraud reports; FBI Internet Crime Complaint Center.
    source: 'https://reportfraud.ftc.gov/',
  },
  CA: {
    region: 'CA',
    nameKey: 'region_CA',
    contacts: [{ labelKey: 'hotline_ca_cafc', phone: '1-888-495-8501' }],
    // Canadian Anti-Fraud Centre.
    source: 'https://antifraudcentre-centreantifraude.ca/',
  },
  AU: {
    region: 'AU',
    nameKey: 'region_AU',
    contacts: [{ labelKey: 'hotline_au_cyber', phone: '1300 292 371' }],
    // Australian Cyber Security Hotline, 1300 CYBER1 (Australian Signals Directorate).
    source: 'https://www.cyber.gov.au/',
  },
  IN: {
    region: 'IN',
    nameKey: 'region_IN',
    contacts: [{ labelKey: 'hotline_in_1930', phone: '1930' }],
    // National Cyber Crime Helpline of the Ministry of Home Affairs.
    source: 'https://cybercrime.gov.in/',
  },
};

/** The tel: link for a number as written ("0300 123 2040" → "tel:03001232040", "+" kept). */
export function telLink(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

// Time zones say where the person is, which decides whom they can call; checked first.
const ZONE_REGIONS: [RegExp, Region][] = [
  [/^Asia\/(Shanghai|Chongqing|Chungking|Harbin|Urumqi|Kashgar)$|^PRC$/, 'CN'],
  [/^Asia\/Hong_Kong$|^Hongkong$|^Asia\/Macau$/, 'HK'],
  [/^Asia\/Taipei$|^ROC$/, 'TW'],
  [/^Asia\/Singapore$|^Singapore$/, 'SG'],
  [/^Asia\/(Kuala_Lumpur|Kuching)$/, 'MY'],
  [/^Europe\/(London|Belfast)$|^GB$/, 'GB'],
  [/^America\/(Toronto|Vancouver|Edmonton|Winnipeg|Halifax|St_Johns|Regina|Montreal|Moncton|Whitehorse|Yellowknife|Iqaluit)$|^Canada\//, 'CA'],
  [/^America\/(New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Detroit|Boise|Indiana\/.+|Kentucky\/.+)$|^Pacific\/Honolulu$|^US\//, 'US'],
  [/^Australia\//, 'AU'],
  [/^Asia\/(Kolkata|Calcutta)$/, 'IN'],
];

const LANGUAGE_REGIONS: Record<string, Region> = {
  'zh-cn': 'CN', 'zh-hans': 'CN', 'zh-sg': 'SG', 'zh-hk': 'HK', 'zh-mo': 'HK', 'zh-tw': 'TW', 'zh-hant': 'TW',
  'en-gb': 'GB', 'en-us': 'US', 'en-ca': 'CA', 'fr-ca': 'CA', 'en-au': 'AU', 'en-sg': 'SG', 'en-my': 'MY',
  'ms': 'MY', 'ms-my': 'MY', 'en-in': 'IN', 'hi': 'IN', 'hi-in': 'IN', 'en-hk': 'HK', 'zh': 'CN', 'en': 'US',
};

/**
 * The region to suggest from the browser's time zone (Intl) and UI language. Falls back to
 * mainland China, the country whose victims the source articles describe.
 */
export function guessRegion(timeZone: string | undefined, language: string | undefined): Region {
  if (timeZone) for (const [re, region] of ZONE_REGIONS) if (re.test(timeZone)) return region;
  const lang = (language ?? '').toLowerCase().replace('_', '-');
  if (LANGUAGE_REGIONS[lang]) return LANGUAGE_REGIONS[lang];
  const base = lang.split('-')[0] ?? '';
  return LANGUAGE_REGIONS[base] ?? 'CN';
}

export function isRegion(value: unknown): value is Region {
  return typeof value === 'string' && (REGIONS as readonly string[]).includes(value);
}
