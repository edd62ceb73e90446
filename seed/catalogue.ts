/**
 * Real organisations and services behind the common platforms, from the
 * Scottish Government's digital strategy progress report and the ONS register
 * of GSS codes.
 */
export type OrganisationTypeName = 'LOCAL_AUTHORITY' | 'EXECUTIVE_AGENCY' | 'NDPB' | 'NON_MINISTERIAL_OFFICE' | 'HEALTH_BOARD' | 'OTHER_PUBLIC_BODY';

export interface CatalogueOrganisation {
  /** A stable key: the GSS code for councils, a short name for the rest. */
  key: string;
  name: string;
  type: OrganisationTypeName;
  gssCode: string | null;
  website: string;
  /** Uses the myaccount platform (40 organisations do). */
  myaccount: boolean;
}

const COUNCILS: [string, string, string][] = [
  ['Aberdeen City', 'S12000033', 'aberdeencity.gov.uk'],
  ['Aberdeenshire', 'S12000034', 'aberdeenshire.gov.uk'],
  ['Angus', 'S12000041', 'angus.gov.uk'],
  ['Argyll and Bute', 'S12000035', 'argyll-bute.gov.uk'],
  ['City of Edinburgh', 'S12000036', 'edinburgh.gov.uk'],
  ['Clackmannanshire', 'S12000005', 'clacks.gov.uk'],
  ['Dumfries and Galloway', 'S12000006', 'dumgal.gov.uk'],
  ['Dundee City', 'S12000042', 'dundeecity.gov.uk'],
  ['East Ayrshire', 'S12000008', 'east-ayrshire.gov.uk'],
  ['East Dunbartonshire', 'S12000045', 'eastdunbarton.gov.uk'],
  ['East Lothian', 'S12000010', 'eastlothian.gov.uk'],
  ['East Renfrewshire', 'S12000011', 'eastrenfrewshire.gov.uk'],
  ['Falkirk', 'S12000014', 'falkirk.gov.uk'],
  ['Fife', 'S12000047', 'fife.gov.uk'],
  ['Glasgow City', 'S12000049', 'glasgow.gov.uk'],
  ['Highland', 'S12000017', 'highland.gov.uk'],
  ['Inverclyde', 'S12000018', 'inverclyde.gov.uk'],
  ['Midlothian', 'S12000019', 'midlothian.gov.uk'],
  ['Moray', 'S12000020', 'moray.gov.uk'],
  ['Na h-Eileanan Siar', 'S12000013', 'cne-siar.gov.uk'],
  ['North Ayrshire', 'S12000021', 'north-ayrshire.gov.uk'],
  ['North Lanarkshire', 'S12000050', 'northlanarkshire.gov.uk'],
  ['Orkney Islands', 'S12000023', 'orkney.gov.uk'],
  ['Perth and Kinross', 'S12000048', 'pkc.gov.uk'],
  ['Renfrewshire', 'S12000038', 'renfrewshire.gov.uk'],
  ['Scottish Borders', 'S12000026', 'scotborders.gov.uk'],
  ['Shetland Islands', 'S12000027', 'shetland.gov.uk'],
  ['South Ayrshire', 'S12000028', 'south-ayrshire.gov.uk'],
  ['South Lanarkshire', 'S12000029', 'southlanarkshire.gov.uk'],
  ['Stirling', 'S12000030', 'stirling.gov.uk'],
  ['West Dunbartonshire', 'S12000039', 'west-dunbarton.gov.uk'],
  ['West Lothian', 'S12000040', 'westlothian.gov.uk'],
];

const NATIONAL_BODIES: [string, string, OrganisationTypeName, string, boolean][] = [
  ['disclosure-scotland', 'Disclosure Scotland', 'EXECUTIVE_AGENCY', 'mygov.scot/organisations/disclosure-scotland', true],
  ['social-security-scotland', 'Social Security Scotland', 'EXECUTIVE_AGENCY', 'socialsecurity.gov.scot', true],
  ['saas', 'Student Awards Agency Scotland', 'EXECUTIVE_AGENCY', 'saas.gov.uk', true],
  ['sppa', 'Scottish Public Pensions Agency', 'EXECUTIVE_AGENCY', 'pensions.gov.scot', true],
  ['transport-scotland', 'Transport Scotland', 'EXECUTIVE_AGENCY', 'transport.gov.scot', true],
  ['sds', 'Skills Development Scotland', 'NDPB', 'skillsdevelopmentscotland.co.uk', true],
  ['copfs', 'Crown Office and Procurator Fiscal Service', 'NON_MINISTERIAL_OFFICE', 'copfs.gov.uk', true],
  ['improvement-service', 'Improvement Service', 'OTHER_PUBLIC_BODY', 'improvementservice.org.uk', true],
  ['scottish-government', 'Scottish Government', 'OTHER_PUBLIC_BODY', 'gov.scot', false],
  ['nrs', 'National Records of Scotland', 'NON_MINISTERIAL_OFFICE', 'nrscotland.gov.uk', false],
  ['public-health-scotland', 'Public Health Scotland', 'HEALTH_BOARD', 'publichealthscotland.scot', false],
];

const HEALTH_BOARDS = [
  'Ayrshire and Arran',
  'Borders',
  'Dumfries and Galloway',
  'Fife',
  'Forth Valley',
  'Grampian',
  'Greater Glasgow and Clyde',
  'Highland',
  'Lanarkshire',
  'Lothian',
  'Orkney',
  'Shetland',
  'Tayside',
  'Western Isles',
];

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export const ORGANISATIONS: CatalogueOrganisation[] = [
  ...COUNCILS.map(([name, gssCode, domain]) => ({
    key: gssCode,
    name,
    type: 'LOCAL_AUTHORITY' as const,
    gssCode,
    website: `https://www.${domain}`,
    myaccount: true,
  })),
  ...NATIONAL_BODIES.map(([key, name, type, domain, myaccount]) => ({ key, name, type, gssCode: null, website: `https://www.${domain}`, myaccount })),
  ...HEALTH_BOARDS.map((area) => ({
    key: `nhs-${slug(area)}`,
    name: `NHS ${area}`,
    type: 'HEALTH_BOARD' as const,
    gssCode: null,
    website: `https://www.nhs${slug(area).replace(/-/g, '')}.scot`,
    myaccount: false,
  })),
];

export const COUNCIL_KEYS = COUNCILS.map(([, gssCode]) => gssCode);

export interface CatalogueIntegration {
  organisationKey: string;
  serviceName: string;
  domain: string;
  status: 'LIVE' | 'PILOT';
  launched: string;
}

/** 92 integrations across the 40 myaccount organisations. */
export function integrations(): CatalogueIntegration[] {
  const list: CatalogueIntegration[] = [];
  COUNCILS.forEach(([name, gssCode, domain], i) => {
    const year = 2016 + (i % 6);
    list.push({ organisationKey: gssCode, serviceName: 'National Entitlement Card', domain: 'getyournec.scot', status: 'LIVE', launched: `${year}-04-01` });
    if (i < 24)
      list.push({ organisationKey: gssCode, serviceName: 'Parents Portal', domain: 'parentsportal.scot', status: 'LIVE', launched: `${year + 2}-08-15` });
    if (i % 8 < 5)
      list.push({
        organisationKey: gssCode,
        serviceName: `${name} council tax account`,
        domain: `counciltax.${domain}`,
        status: 'LIVE',
        launched: `${year + 1}-02-01`,
      });
    if (i % 4 === 1)
      list.push({
        organisationKey: gssCode,
        serviceName: 'Young Scot National Entitlement Card',
        domain: 'young.scot',
        status: i % 8 === 1 ? 'PILOT' : 'LIVE',
        launched: `${year + 3}-10-01`,
      });
  });
  list.push(
    {
      organisationKey: 'disclosure-scotland',
      serviceName: 'Apply for a basic disclosure',
      domain: 'basic.disclosure.scot',
      status: 'LIVE',
      launched: '2021-11-01',
    },
    {
      organisationKey: 'social-security-scotland',
      serviceName: 'Apply for Scottish Child Payment',
      domain: 'apply.socialsecurity.gov.scot',
      status: 'LIVE',
      launched: '2021-02-15',
    },
    { organisationKey: 'saas', serviceName: 'Apply for student funding', domain: 'apply.saas.gov.uk', status: 'LIVE', launched: '2020-05-01' },
    { organisationKey: 'sppa', serviceName: 'Pension member self-service', domain: 'members.pensions.gov.scot', status: 'LIVE', launched: '2022-06-01' },
    {
      organisationKey: 'transport-scotland',
      serviceName: 'Concessionary travel for under 22s',
      domain: 'freebus.scot',
      status: 'LIVE',
      launched: '2022-01-31',
    },
    { organisationKey: 'sds', serviceName: 'My World of Work', domain: 'myworldofwork.co.uk', status: 'LIVE', launched: '2019-09-01' },
    { organisationKey: 'copfs', serviceName: 'Victim information and advice', domain: 'via.copfs.gov.uk', status: 'PILOT', launched: '2024-03-01' },
    { organisationKey: 'improvement-service', serviceName: 'myaccount', domain: 'signin.mygovscot.org', status: 'LIVE', launched: '2015-03-01' },
  );
  return list;
}

export const COUNCIL_SERVICES: [string, string][] = [
  ['Council tax', 'Money'],
  ['Bins and recycling', 'Environment'],
  ['School registration', 'Education'],
  ['Parking permits', 'Transport'],
  ['Planning applications', 'Housing'],
  ['Free school meals and clothing grant', 'Education'],
];

export const GIVEN_NAMES = [
  'Ailsa',
  'Alasdair',
  'Callum',
  'Catriona',
  'Eilidh',
  'Euan',
  'Fiona',
  'Fraser',
  'Hamish',
  'Iona',
  'Isla',
  'Jamie',
  'Kirsty',
  'Lachlan',
  'Morag',
  'Murdo',
  'Niamh',
  'Ross',
  'Rhona',
  'Seonaidh',
  'Struan',
  'Mhairi',
  'Ewan',
  'Kenneth',
  'Aileen',
  'Duncan',
  'Skye',
  'Torquil',
  'Lorna',
  'Angus',
  'Shona',
  'Finlay',
];

export const FAMILY_NAMES = [
  'MacDonald',
  'Campbell',
  'Stewart',
  'Robertson',
  'Thomson',
  'Anderson',
  'Scott',
  'Murray',
  'MacLeod',
  'Reid',
  'Paterson',
  'Ross',
  'Fraser',
  'Mackenzie',
  'Gray',
  'Grant',
  'Morrison',
  'Hamilton',
  'Kerr',
  'Ferguson',
  'Sinclair',
  'Munro',
  'Cameron',
  'Buchanan',
  'Drummond',
  'Gordon',
  'Johnstone',
  'Kennedy',
  'Lindsay',
  'Mackay',
  'Wallace',
  'Young',
];

export const STREETS = ['High Street', 'Main Street', 'Station Road', 'Church Street', 'Park Avenue', 'Victoria Road', 'Castle Terrace', 'Shore Road'];

export const COURSES: [string, string, string, number][] = [
  ['Introduction to data science', 'data', 'Scottish Digital Academy', 600],
  ['Data visualisation with open tools', 'data', 'Scottish Digital Academy', 420],
  ['SQL for analysts', 'data', 'Scottish Digital Academy', 360],
  ['Data ethics in the public sector', 'data', 'Data Lab', 180],
  ['Statistics for policy makers', 'data', 'Scottish Digital Academy', 480],
  ['Cyber security essentials', 'cyber', 'CyberScotland', 240],
  ['Phishing and social engineering', 'cyber', 'CyberScotland', 90],
  ['Incident response for teams', 'cyber', 'Scottish Business Resilience Centre', 420],
  ['Secure by design', 'cyber', 'Scottish Digital Academy', 300],
  ['Cloud fundamentals', 'cloud', 'Scottish Digital Academy', 360],
  ['Architecting on the cloud', 'cloud', 'Scottish Digital Academy', 900],
  ['Cloud cost management', 'cloud', 'Scottish Digital Academy', 180],
  ['Introduction to service design', 'service design', 'Scottish Digital Academy', 420],
  ['User research in practice', 'service design', 'Scottish Digital Academy', 600],
  ['Designing accessible services', 'service design', 'Scottish Digital Academy', 300],
  ['Content design for public services', 'service design', 'Scottish Digital Academy', 240],
  ['Agile foundations', 'agile', 'Scottish Digital Academy', 360],
  ['Agile for leaders', 'agile', 'Scottish Digital Academy', 240],
  ['Scrum master practitioner', 'agile', 'Scottish Digital Academy', 900],
  ['Product management in government', 'agile', 'Scottish Digital Academy', 720],
  ['AI foundations for the public sector', 'AI', 'The Scottish AI Alliance', 180],
  ['Responsible use of generative AI', 'AI', 'The Scottish AI Alliance', 120],
  ['Machine learning in practice', 'AI', 'Scottish Digital Academy', 960],
  ['Digital leadership', 'leadership', 'Scottish Digital Academy', 600],
];

export const DATASET_THEMES: { theme: string; publisherKey: string; topics: string[]; keywords: string[] }[] = [
  {
    theme: 'Population',
    publisherKey: 'nrs',
    topics: ['Population estimates', 'Births', 'Deaths', 'Migration flows', 'Household estimates', 'Life expectancy'],
    keywords: ['population', 'demography', 'census', 'households'],
  },
  {
    theme: 'Health and Social Care',
    publisherKey: 'public-health-scotland',
    topics: [
      'Hospital admissions',
      'A&E waiting times',
      'Alcohol related hospital stays',
      'Drug related deaths',
      'Smoking prevalence',
      'Childhood immunisation',
    ],
    keywords: ['health', 'nhs', 'hospital', 'care'],
  },
  {
    theme: 'Housing',
    publisherKey: 'scottish-government',
    topics: [
      'Homelessness applications',
      'New house building',
      'Council house sales',
      'Dwellings by council tax band',
      'Energy performance of homes',
      'Housing lists',
    ],
    keywords: ['housing', 'homes', 'dwellings', 'council tax'],
  },
  {
    theme: 'Education',
    publisherKey: 'scottish-government',
    topics: [
      'School pupil numbers',
      'Attainment of school leavers',
      'Teacher numbers',
      'Positive destinations of school leavers',
      'Early learning and childcare',
      'Exclusions from school',
    ],
    keywords: ['education', 'schools', 'pupils', 'attainment'],
  },
  {
    theme: 'Crime and Justice',
    publisherKey: 'scottish-government',
    topics: ['Recorded crime', 'Criminal proceedings', 'Fire and rescue incidents', 'Domestic abuse incidents', 'Prison population', 'Road casualties'],
    keywords: ['crime', 'justice', 'police', 'safety'],
  },
  {
    theme: 'Economy',
    publisherKey: 'scottish-government',
    topics: ['Business counts', 'Gross value added', 'Non-domestic rates', 'Tourism visits', 'Earnings', 'Fuel poverty'],
    keywords: ['economy', 'business', 'income', 'poverty'],
  },
  {
    theme: 'Labour Market',
    publisherKey: 'sds',
    topics: ['Employment rate', 'Unemployment claimants', 'Modern apprenticeships', 'Economic inactivity', 'Youth employment', 'Workplace jobs'],
    keywords: ['employment', 'jobs', 'labour market', 'skills'],
  },
  {
    theme: 'Transport',
    publisherKey: 'transport-scotland',
    topics: [
      'Bus passenger journeys',
      'Concessionary travel',
      'Road traffic volumes',
      'Rail passenger numbers',
      'Electric vehicle charging points',
      'Ferry passengers',
    ],
    keywords: ['transport', 'travel', 'roads', 'buses'],
  },
  {
    theme: 'Environment',
    publisherKey: 'scottish-government',
    topics: [
      'Household waste recycling',
      'Greenhouse gas emissions',
      'Air quality',
      'Land use',
      'Vacant and derelict land',
      'Renewable electricity generation',
    ],
    keywords: ['environment', 'climate', 'waste', 'recycling'],
  },
  {
    theme: 'Local Government',
    publisherKey: 'improvement-service',
    topics: [
      'Local government benchmarking',
      'Council expenditure',
      'Council staff numbers',
      'Community council areas',
      'Local election turnout',
      'Council tax collection rates',
    ],
    keywords: ['local government', 'councils', 'benchmarking', 'finance'],
  },
];

export const GEOGRAPHIES = ['by council area', 'by data zone', 'by health board', 'by intermediate zone', 'for Scotland'];
