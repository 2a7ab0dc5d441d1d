import { describe, expect, it } from 'vitest';
import { decodeLatin, romanize } from './translit.ts';

describe('romanize kmu2010 (Cabinet of Ministers resolution 55, 2010)', () => {
  // The examples printed in the resolution's table.
  const official: [string, string][] = [
    ['Алушта', 'Alushta'],
    ['Андрій', 'Andrii'],
    ['Борщагівка', 'Borshchahivka'],
    ['Борисенко', 'Borysenko'],
    ['Вінниця', 'Vinnytsia'],
    ['Володимир', 'Volodymyr'],
    ['Гадяч', 'Hadiach'],
    ['Богдан', 'Bohdan'],
    ['Згурський', 'Zghurskyi'],
    ['Ґалаґан', 'Galagan'],
    ['Ґорґани', 'Gorgany'],
    ['Донецьк', 'Donetsk'],
    ['Дмитро', 'Dmytro'],
    ['Рівне', 'Rivne'],
    ['Олег', 'Oleh'],
    ['Есмань', 'Esman'],
    ['Єнакієве', 'Yenakiieve'],
    ['Гаєвич', 'Haievych'],
    ["Короп'є", 'Koropie'],
    ['Житомир', 'Zhytomyr'],
    ['Жанна', 'Zhanna'],
    ['Жежелів', 'Zhezheliv'],
    ['Закарпаття', 'Zakarpattia'],
    ['Казимирчук', 'Kazymyrchuk'],
    ['Медвин', 'Medvyn'],
    ['Михайленко', 'Mykhailenko'],
    ['Іванків', 'Ivankiv'],
    ['Іващенко', 'Ivashchenko'],
    ['Їжакевич', 'Yizhakevych'],
    ['Кадиївка', 'Kadyivka'],
    ["Мар'їне", 'Marine'],
    ['Йосипівка', 'Yosypivka'],
    ['Стрий', 'Stryi'],
    ['Олексій', 'Oleksii'],
    ['Київ', 'Kyiv'],
    ['Коваленко', 'Kovalenko'],
    ['Миколаїв', 'Mykolaiv'],
    ['Ніжин', 'Nizhyn'],
    ['Наталія', 'Nataliia'],
    ['Одеса', 'Odesa'],
    ['Онищенко', 'Onyshchenko'],
    ['Решетилівка', 'Reshetylivka'],
    ['Рибчинський', 'Rybchynskyi'],
    ['Соломія', 'Solomiia'],
    ['Троць', 'Trots'],
    ['Ужгород', 'Uzhhorod'],
    ['Уляна', 'Uliana'],
    ['Фастів', 'Fastiv'],
    ['Харків', 'Kharkiv'],
    ['Христина', 'Khrystyna'],
    ['Біла Церква', 'Bila Tserkva'],
    ['Чернівці', 'Chernivtsi'],
    ['Шевченко', 'Shevchenko'],
    ['Щербухи', 'Shcherbukhy'],
    ['Гоща', 'Hoshcha'],
    ['Юрій', 'Yurii'],
    ['Корюківка', 'Koriukivka'],
    ['Яготин', 'Yahotyn'],
    ['Костянтин', 'Kostiantyn'],
    ["Знам'янка", 'Znamianka'],
    ['Феодосія', 'Feodosiia'],
    ['Згорани', 'Zghorany'],
    ['Розгон', 'Rozghon'],
  ];
  it.each(official)('%s → %s', (cyr, latin) => {
    expect(romanize(cyr, 'kmu2010')).toBe(latin);
  });

  it('restarts word-initial rules after a hyphen', () => {
    expect(romanize('Анна-Ярина', 'kmu2010')).toBe('Anna-Yaryna');
  });
});

describe('romanize, other Ukrainian systems', () => {
  it('BGN/PCGN 1965 writes ye, yi, y, yu, ya everywhere and ь as an apostrophe', () => {
    expect(romanize('Юрій', 'bgn1965-uk')).toBe('Yuriy');
    expect(romanize('Василь', 'bgn1965-uk')).toBe("Vasyl'");
    expect(romanize('Наталія', 'bgn1965-uk')).toBe('Nataliya');
  });
  it('passport 2007 writes г as g and є as ie', () => {
    expect(romanize('Сергій', 'passport2007-uk')).toBe('Sergii');
    expect(romanize('Галина', 'passport2007-uk')).toBe('Galyna');
    expect(romanize('Євген', 'passport2007-uk')).toBe('Ievgen');
  });
  it('ICAO 9303 on Ukrainian letters', () => {
    expect(romanize('Ігор', 'icao-uk')).toBe('Igor');
    expect(romanize('Юлія', 'icao-uk')).toBe('Iuliia');
  });
});

describe('romanize, Russian systems', () => {
  it('ICAO 9303 (current Russian passports)', () => {
    expect(romanize('Юлия', 'icao-ru', 'ru')).toBe('Iuliia');
    expect(romanize('Сергей', 'icao-ru', 'ru')).toBe('Sergei');
    expect(romanize('Дмитрий', 'icao-ru', 'ru')).toBe('Dmitrii');
    expect(romanize('Ёлкин', 'icao-ru', 'ru')).toBe('Elkin');
    expect(romanize('Подъячев', 'icao-ru', 'ru')).toBe('Podieiachev');
    expect(romanize('Харитонов', 'icao-ru', 'ru')).toBe('Kharitonov');
  });
  it('MVD 310 (older passports)', () => {
    expect(romanize('Юрий', 'mvd310-ru', 'ru')).toBe('Yuriy');
    expect(romanize('Наталья', 'mvd310-ru', 'ru')).toBe("Natal'ya");
  });
  it('BGN/PCGN: ye at the start and after vowels, ë', () => {
    expect(romanize('Елена', 'bgn-ru', 'ru')).toBe('Yelena');
    expect(romanize('Андреев', 'bgn-ru', 'ru')).toBe('Andreyev');
    expect(romanize('Артём', 'bgn-ru', 'ru')).toBe('Artëm');
  });
  it('GOST 7.79 A (ISO 9) and B', () => {
    expect(romanize('Щербаков', 'gost779a-ru', 'ru')).toBe('Ŝerbakov');
    expect(romanize('Жуков', 'gost779a-ru', 'ru')).toBe('Žukov');
    expect(romanize('Цирк', 'gost779b-ru', 'ru')).toBe('Cirk');
    expect(romanize('Цапля', 'gost779b-ru', 'ru')).toBe('Czaplya');
    expect(romanize('Щукин', 'gost779b-ru', 'ru')).toBe('Shhukin');
  });
  it('does not leave Ukrainian letters in Cyrillic under a Russian system', () => {
    expect(romanize('Юрій', 'icao-ru', 'ru')).toMatch(/^[A-Za-z]+$/);
  });
});

describe('romanize, informal German and French spellings', () => {
  it('German', () => {
    expect(romanize('Шевченко', 'german')).toBe('Schewtschenko');
    expect(romanize('Жук', 'german')).toBe('Shuk');
    expect(romanize('Юрій', 'german')).toBe('Jurij');
  });
  it('French', () => {
    expect(romanize('Шевченко', 'french')).toBe('Chevtchenko');
    expect(romanize('Жуков', 'french', 'ru')).toBe('Joukov');
  });
});

describe('decodeLatin', () => {
  it('decodes KMU 2010 spellings to Ukrainian', () => {
    expect(decodeLatin('Zghorany', 'uk')).toBe('Згорани');
    expect(decodeLatin('Yenakiieve', 'uk')).toBe('Єнакієве');
    expect(decodeLatin('Oleksandr', 'uk')).toBe('Олександр');
    expect(decodeLatin('Andrii', 'uk')).toBe('Андрій');
    expect(decodeLatin('SHEVCHENKO', 'uk')).toBe('Шевченко');
  });
  it('decodes ICAO spellings to Russian', () => {
    expect(decodeLatin('Dmitrii', 'ru')).toBe('Дмитрий');
    expect(decodeLatin('Sergei', 'ru')).toBe('Сергей');
    expect(decodeLatin('Iuliia', 'ru')).toBe('Юлия');
  });
});
