// Fictional demo data vocabulary. Every combination is invented; any likeness to a real child is
// coincidence. Pairs are Ukrainian / Russian forms of the same given name.
export const boys: Array<[string, string, string]> = [
  ['Олександр', 'Александр', 'Oleksandr'],
  ['Андрій', 'Андрей', 'Andrii'],
  ['Дмитро', 'Дмитрий', 'Dmytro'],
  ['Максим', 'Максим', 'Maksym'],
  ['Іван', 'Иван', 'Ivan'],
  ['Микола', 'Николай', 'Mykola'],
  ['Сергій', 'Сергей', 'Serhii'],
  ['Артем', 'Артём', 'Artem'],
  ['Богдан', 'Богдан', 'Bohdan'],
  ['Олексій', 'Алексей', 'Oleksii'],
  ['Юрій', 'Юрий', 'Yurii'],
  ['Матвій', 'Матвей', 'Matvii'],
];
export const girls: Array<[string, string, string]> = [
  ['Ганна', 'Анна', 'Hanna'],
  ['Олена', 'Елена', 'Olena'],
  ['Марія', 'Мария', 'Mariia'],
  ['Анастасія', 'Анастасия', 'Anastasiia'],
  ['Софія', 'София', 'Sofiia'],
  ['Дарина', 'Дарья', 'Daryna'],
  ['Катерина', 'Екатерина', 'Kateryna'],
  ['Вікторія', 'Виктория', 'Viktoriia'],
  ['Поліна', 'Полина', 'Polina'],
  ['Юлія', 'Юлия', 'Yuliia'],
  ['Ольга', 'Ольга', 'Olha'],
  ['Злата', 'Злата', 'Zlata'],
];
/** Surname stems: Ukrainian masculine, Russian masculine, Latin; feminine forms are derived. */
export const surnames: Array<[string, string, string]> = [
  ['Коваленко', 'Коваленко', 'Kovalenko'],
  ['Бондаренко', 'Бондаренко', 'Bondarenko'],
  ['Шевчук', 'Шевчук', 'Shevchuk'],
  ['Мельник', 'Мельник', 'Melnyk'],
  ['Ткаченко', 'Ткаченко', 'Tkachenko'],
  ['Кравчук', 'Кравчук', 'Kravchuk'],
  ['Олійник', 'Олейник', 'Oliinyk'],
  ['Лисенко', 'Лысенко', 'Lysenko'],
  ['Марченко', 'Марченко', 'Marchenko'],
  ['Савченко', 'Савченко', 'Savchenko'],
  ['Руденко', 'Руденко', 'Rudenko'],
  ['Петренко', 'Петренко', 'Petrenko'],
  ['Гнатюк', 'Гнатюк', 'Hnatiuk'],
  ['Поліщук', 'Полищук', 'Polishchuk'],
];
export const places: Array<[string, string, string]> = [
  ['Маріуполь', 'Мариуполь', 'Mariupol'],
  ['Херсон', 'Херсон', 'Kherson'],
  ['Бахмут', 'Бахмут', 'Bakhmut'],
  ['Мелітополь', 'Мелитополь', 'Melitopol'],
  ['Харків', 'Харьков', 'Kharkiv'],
  ['Бердянськ', 'Бердянск', 'Berdiansk'],
  ['Сєвєродонецьк', 'Северодонецк', 'Sievierodonetsk'],
  ['Нова Каховка', 'Новая Каховка', 'Nova Kakhovka'],
];
export const regionsRu = ['Московская область', 'Ростовская область', 'Краснодарский край', 'Воронежская область', 'Ленинградская область'];
/** Patronymics: Ukrainian masculine, Ukrainian feminine, Russian masculine, Russian feminine. */
export const patronymics: Array<[string, string, string, string]> = [
  ['Олександрович', 'Олександрівна', 'Александрович', 'Александровна'],
  ['Сергійович', 'Сергіївна', 'Сергеевич', 'Сергеевна'],
  ['Андрійович', 'Андріївна', 'Андреевич', 'Андреевна'],
  ['Іванович', 'Іванівна', 'Иванович', 'Ивановна'],
  ['Миколайович', 'Миколаївна', 'Николаевич', 'Николаевна'],
];
