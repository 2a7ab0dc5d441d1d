// The words of the transparency page and the monthly report, in the web application's three
// languages. Codes without a translation are shown as they are.

export const reportLanguages = ['uk', 'ru', 'en'] as const;
export type ReportLang = (typeof reportLanguages)[number];

export function pickLang(query: unknown, acceptLanguage: string | undefined): ReportLang {
  if (typeof query === 'string' && (reportLanguages as readonly string[]).includes(query)) return query as ReportLang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((reportLanguages as readonly string[]).includes(code)) return code as ReportLang;
  }
  return 'uk';
}

interface Words {
  title: string;
  monthlyTitle: string;
  period: string;
  asOf: string;
  withheld: string;
  suppression: (threshold: number) => string;
  total: string;
  sections: Record<string, string>;
  labels: Record<string, string>;
  durations: { title: string; observations: string; median: string; p90: string; rows: Record<string, string> };
  contactColumns: Record<string, string>;
  region: string;
  checkpoint: { title: string; size: string; root: string; key: string; status: string; none: string; explain: string[] };
  json: string;
}

const uk: Words = {
  title: 'Homeward: прозорість',
  monthlyTitle: 'Homeward: місячний звіт',
  period: 'Період',
  asOf: 'Стан на',
  withheld: 'приховано',
  suppression: (t) =>
    `Клітинки з числом від 1 до ${t - 1} приховано («—»), а також стільки інших клітинок, скільки потрібно, щоб їх не можна було обчислити з підсумків. Нулі показано.`,
  total: 'Усього',
  sections: {
    byStatus: 'Діти за статусом справи-досьє',
    byDisplacementKind: 'Діти за видом переміщення',
    byRegion: 'Діти за регіоном перебування',
    byAgeGroup: 'Діти за віком',
    byDisplacementMonth: 'Діти за місяцем переміщення',
    casesByStatus: 'Справи за статусом',
    filed: 'Подані запити на розшук, за місяцями',
    matched: 'Запити зі збігом, за місяцями',
    verified: 'Запити з перевіреною справою, за місяцями',
    reunifications: "Возз'єднання, за місяцями",
    contact: 'Регулярність контактів за регіонами',
  },
  labels: {
    open: 'відкрите',
    closed: 'закрите',
    unknown: 'невідомо',
    'evacuated-from-front-line': 'евакуйовані з прифронтових районів',
    'crossed-border': 'перетнули кордон',
    'removed-from-institution': 'вивезені із закладу',
    other: 'інше',
    located: 'знайдено',
    verified: 'перевірено',
    'in-contact': 'на зв’язку',
    'reunification-planned': 'возз’єднання заплановано',
    'in-transit': 'у дорозі',
    reunited: 'возз’єднано',
    'follow-up': 'супровід',
    declined: 'відмова',
    'unable-to-proceed': 'неможливо продовжити',
    transferred: 'передано',
    '18+': '18 і старші',
  },
  durations: {
    title: 'Тривалість (днів)',
    observations: 'Випадків',
    median: 'Медіана',
    p90: '90-й процентиль',
    rows: { requestToMatch: 'Від запиту до збігу', matchToReunion: "Від збігу до возз'єднання", requestToReunion: "Від запиту до возз'єднання" },
  },
  contactColumns: { 'held-on-time': 'вчасно', 'held-late': 'із запізненням', missed: 'пропущено', 'not-recorded': 'не записано' },
  region: 'Регіон',
  checkpoint: {
    title: 'Підписаний стан журналу прозорості',
    size: 'Записів',
    root: 'Відбиток (корінь дерева)',
    key: 'Ключ журналу',
    status: 'Свідки',
    none: 'Журнал ще недоступний.',
    explain: [
      'Оператор журналу підписує: «мій журнал має рівно стільки записів, і цей відбиток підсумовує їх усі, по порядку». Зміна, вилучення, вставлення чи перестановка будь-якого запису повністю змінює відбиток.',
      'Збережений підпис є квитанцією: пізніше доказ включення покаже, що запис був у журналі, а доказ узгодженості — що журнал лише доповнювався.',
      'Підпис не доводить, що твердження в журналі правдиві, і сам собою не доводить, що всі бачать той самий журнал: для цього свідки сторін контрпідписують кожен стан.',
    ],
  },
  json: 'Ці дані у форматі JSON',
};

const ru: Words = {
  title: 'Homeward: прозрачность',
  monthlyTitle: 'Homeward: ежемесячный отчёт',
  period: 'Период',
  asOf: 'По состоянию на',
  withheld: 'скрыто',
  suppression: (t) =>
    `Ячейки с числом от 1 до ${t - 1} скрыты («—»), а также столько других ячеек, сколько нужно, чтобы их нельзя было вычислить из итогов. Нули показаны.`,
  total: 'Всего',
  sections: {
    byStatus: 'Дети по статусу досье',
    byDisplacementKind: 'Дети по виду перемещения',
    byRegion: 'Дети по региону пребывания',
    byAgeGroup: 'Дети по возрасту',
    byDisplacementMonth: 'Дети по месяцу перемещения',
    casesByStatus: 'Дела по статусу',
    filed: 'Поданные запросы о розыске, по месяцам',
    matched: 'Запросы с совпадением, по месяцам',
    verified: 'Запросы с проверенным делом, по месяцам',
    reunifications: 'Воссоединения, по месяцам',
    contact: 'Регулярность контактов по регионам',
  },
  labels: {
    open: 'открыто',
    closed: 'закрыто',
    unknown: 'неизвестно',
    'evacuated-from-front-line': 'эвакуированы из прифронтовых районов',
    'crossed-border': 'пересекли границу',
    'removed-from-institution': 'вывезены из учреждения',
    other: 'другое',
    located: 'найден',
    verified: 'проверено',
    'in-contact': 'на связи',
    'reunification-planned': 'воссоединение запланировано',
    'in-transit': 'в пути',
    reunited: 'воссоединён',
    'follow-up': 'сопровождение',
    declined: 'отказ',
    'unable-to-proceed': 'невозможно продолжить',
    transferred: 'передано',
    '18+': '18 и старше',
  },
  durations: {
    title: 'Продолжительность (дней)',
    observations: 'Случаев',
    median: 'Медиана',
    p90: '90-й процентиль',
    rows: { requestToMatch: 'От запроса до совпадения', matchToReunion: 'От совпадения до воссоединения', requestToReunion: 'От запроса до воссоединения' },
  },
  contactColumns: { 'held-on-time': 'вовремя', 'held-late': 'с опозданием', missed: 'пропущено', 'not-recorded': 'не записано' },
  region: 'Регион',
  checkpoint: {
    title: 'Подписанное состояние журнала прозрачности',
    size: 'Записей',
    root: 'Отпечаток (корень дерева)',
    key: 'Ключ журнала',
    status: 'Свидетели',
    none: 'Журнал пока недоступен.',
    explain: [
      'Оператор журнала подписывает: «в моём журнале ровно столько записей, и этот отпечаток суммирует их все, по порядку». Изменение, удаление, вставка или перестановка любой записи полностью меняет отпечаток.',
      'Сохранённая подпись — это квитанция: позже доказательство включения покажет, что запись была в журнале, а доказательство согласованности — что журнал только дополнялся.',
      'Подпись не доказывает, что утверждения в журнале истинны, и сама по себе не доказывает, что все видят один и тот же журнал: для этого свидетели сторон контрподписывают каждое состояние.',
    ],
  },
  json: 'Эти данные в формате JSON',
};

const en: Words = {
  title: 'Homeward: transparency',
  monthlyTitle: 'Homeward: monthly report',
  period: 'Period',
  asOf: 'As of',
  withheld: 'withheld',
  suppression: (t) =>
    `Cells counting 1 to ${t - 1} are withheld ("—"), together with as many other cells as it takes so that they cannot be worked out from the totals. Zeros are shown.`,
  total: 'Total',
  sections: {
    byStatus: 'Children by dossier status',
    byDisplacementKind: 'Children by kind of displacement',
    byRegion: 'Children by current region',
    byAgeGroup: 'Children by age',
    byDisplacementMonth: 'Children by month of displacement',
    casesByStatus: 'Cases by status',
    filed: 'Tracing requests filed, by month',
    matched: 'Requests matched, by month',
    verified: 'Requests with a verified case, by month',
    reunifications: 'Reunifications, by month',
    contact: 'Contact regularity by region',
  },
  labels: { '18+': '18 and over' },
  durations: {
    title: 'Time taken (days)',
    observations: 'Cases',
    median: 'Median',
    p90: '90th percentile',
    rows: { requestToMatch: 'Request to match', matchToReunion: 'Match to reunion', requestToReunion: 'Request to reunion' },
  },
  contactColumns: { 'held-on-time': 'on time', 'held-late': 'late', missed: 'missed', 'not-recorded': 'not recorded' },
  region: 'Region',
  checkpoint: {
    title: "The transparency log's signed tree head",
    size: 'Entries',
    root: 'Fingerprint (tree root)',
    key: 'Log key',
    status: 'Witnesses',
    none: 'The log is not available yet.',
    explain: [
      'The log operator signs: "my log has exactly this many entries, and this fingerprint summarises all of them, in order". Changing, removing, inserting or swapping any entry changes the fingerprint completely.',
      'A saved signature is a receipt: later, an inclusion proof shows that an entry was in the log, and a consistency proof that the log has only grown since.',
      'It does not prove that the statements in the log are true, nor on its own that everyone is shown the same log: that is what the parties\' witnesses countersigning each checkpoint are for.',
    ],
  },
  json: 'This data as JSON',
};

export const words: Record<ReportLang, Words> = { uk, ru, en };

/** A code's words; an untranslated word code loses its hyphens, anything else (months, ages, regions) stays. */
export const label = (lang: ReportLang, code: string) => words[lang].labels[code] ?? (/^[a-z]+(-[a-z]+)+$/.test(code) ? code.replace(/-/g, ' ') : code);
