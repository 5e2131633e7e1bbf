// The preset links under a tour section: each preset's title, linking to the Lab with it loaded.
import type { SectionHelpers } from './types';

export function PresetLinks({ names, presetLink }: { names: string[]; presetLink: SectionHelpers['presetLink'] }) {
  const links = names.map(presetLink).filter((l): l is { href: string; title: string } => l !== null);
  if (!links.length) return null;
  return (
    <ul className="tour-links">
      {links.map((l) => (
        <li key={l.href}>
          <a href={l.href}>{l.title}</a>
        </li>
      ))}
    </ul>
  );
}
