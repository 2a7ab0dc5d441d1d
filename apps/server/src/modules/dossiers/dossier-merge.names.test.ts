import { describe, expect, it } from 'vitest';
import type { StoredName } from '../names/identity-columns.ts';
import { MAX_NAMES, namesAfterUndo, namesToAdd } from './dossier-merge.names.ts';

const name = (
  givenName: string,
  familyName?: string,
  kind: StoredName['kind'] = 'primary',
  patronymic?: string,
): StoredName => ({
  givenName,
  ...(familyName ? { familyName } : {}),
  ...(patronymic ? { patronymic } : {}),
  script: 'ru-Cyrl',
  kind,
});

describe('namesToAdd', () => {
  it('adds only names the survivor lacks, never as primary', () => {
    const survivor = [name('Дмитрий', 'Ткаченко', 'primary', 'Сергеевич')];
    const absorbed = [
      name('дмитрий', 'ТКАЧЕНКО'),
      name('Dmytro', 'Tkachenko', 'primary'),
      name('Дмитрий', 'Савченко', 'former'),
    ];
    expect(namesToAdd(survivor, absorbed)).toEqual({
      added: [name('Dmytro', 'Tkachenko', 'other'), name('Дмитрий', 'Савченко', 'former')],
      skipped: 0,
    });
  });

  it('stops at the limit a dossier edit still accepts', () => {
    const survivor = Array.from({ length: MAX_NAMES - 1 }, (_, i) => name(`Имя${i}`));
    const { added, skipped } = namesToAdd(survivor, [name('Один'), name('Два'), name('Три')]);
    expect(added.map((n) => n.givenName)).toEqual(['Один']);
    expect(skipped).toBe(2);
  });
});

describe('namesAfterUndo', () => {
  const own = name('Дмитрий', 'Ткаченко');
  const added = [name('Дмитрий', 'Савченко', 'former'), name('Dmytro', undefined, 'other')];

  it('removes what the merge added and counts what an edit already changed', () => {
    const edited = [own, name('Дмитрий', 'Савченко', 'other'), added[1]!];
    expect(namesAfterUndo(edited, added)).toEqual({
      names: [own, name('Дмитрий', 'Савченко', 'other')],
      removed: 1,
      alreadyGone: 1,
      kept: 0,
    });
  });

  it('keeps the added names when the survivor would have none left', () => {
    expect(namesAfterUndo(added, added)).toEqual({ names: added, removed: 0, alreadyGone: 0, kept: 2 });
  });
});
