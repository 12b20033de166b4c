// Names that may follow the city in a dateline: regions (US states in AP style,
// Canadian provinces, Australian states) and countries. They let a mixed-case lead
// such as "Tokyo, Japan — ..." count as a dateline without trusting any "Word, Word —".

const REGIONS = `Ala. Alabama Alaska Ariz. Arizona Ark. Arkansas Calif. California Colo. Colorado Conn. Connecticut
Del. Delaware D.C. Fla. Florida Ga. Georgia Hawaii Idaho Ill. Illinois Ind. Indiana Iowa Kan. Kansas Ky. Kentucky
La. Louisiana Maine Md. Maryland Mass. Massachusetts Mich. Michigan Minn. Minnesota Miss. Mississippi Mo. Missouri
Mont. Montana Neb. Nebraska Nev. Nevada N.H. N.J. N.M. N.Y. N.C. N.D. Ohio Okla. Oklahoma Ore. Oregon Pa.
Pennsylvania R.I. S.C. S.D. Tenn. Tennessee Texas Utah Vt. Vermont Va. Virginia Wash. Washington W.Va. Wis.
Wisconsin Wyo. Wyoming Alberta Ontario Quebec Manitoba Saskatchewan Yukon Nunavut Queensland Victoria Tasmania`;

const MULTI_WORD_REGIONS = [
  'New Hampshire', 'New Jersey', 'New Mexico', 'New York', 'North Carolina', 'North Dakota', 'Rhode Island',
  'South Carolina', 'South Dakota', 'West Virginia', 'British Columbia', 'Nova Scotia', 'New Brunswick',
  'Prince Edward Island', 'Newfoundland and Labrador', 'Northwest Territories', 'New South Wales',
  'Western Australia', 'South Australia', 'Northern Territory',
];

/** Country names Intl does not spell the way newsrooms do. */
const EXTRA_COUNTRIES = [
  'England', 'Scotland', 'Wales', 'Northern Ireland', 'Britain', 'Great Britain', 'U.K.', 'UK', 'U.S.', 'USA',
  'Czech Republic', 'Turkey', 'Myanmar', 'Burma', 'Congo', 'Democratic Republic of Congo', 'Ivory Coast',
  'Gaza', 'West Bank', 'Gaza Strip', 'Kosovo', 'Vatican City', 'Bosnia', 'Palestinian Territories',
];

let regions: Set<string> | undefined;
let countries: Set<string> | undefined;

export function isRegion(name: string): boolean {
  regions ??= new Set([...REGIONS.split(/\s+/), ...MULTI_WORD_REGIONS].map((r) => r.toLowerCase()));
  return regions.has(name.toLowerCase());
}

export function isCountry(name: string): boolean {
  countries ??= buildCountries();
  return countries.has(name.toLowerCase());
}

/** Every region name Intl knows ("Japan", "South Korea"), built once on first use. */
function buildCountries(): Set<string> {
  const names = new Set(EXTRA_COUNTRIES.map((c) => c.toLowerCase()));
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      let name: string | undefined;
      try {
        name = display.of(code);
      } catch {
        continue; // not a region code
      }
      if (name && name !== code) names.add(name.replace(/\s*\(.*\)$/, '').replace(/&/g, 'and').toLowerCase());
    }
  }
  return names;
}
