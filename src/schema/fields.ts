// Field builders for the experiment config: each returns the field's metadata (URL/CLI name,
// label, bounds, default, log scale, "auto") together with the zod schema that validates it, so
// the bounds are written once and the schema, the notices and the sliders all read them.
import { z } from 'zod';

interface Common<K extends string> {
  /** Property name in the config object (and in config files). */
  key: K;
  /** Name in the URL query and as a CLI flag (`--name`). */
  name: string;
  label: string;
}

export interface IntField<K extends string = string> extends Common<K> {
  kind: 'int';
  min: number;
  max: number;
  log: boolean;
  default: number;
  schema: z.ZodNumber;
}
export interface NumberField<K extends string = string> extends Common<K> {
  kind: 'number';
  min: number;
  max: number;
  log: boolean;
  /** Accepts the word "auto" (stored as null): the run picks the value. */
  auto: boolean;
  default: number | null;
  schema: z.ZodNumber | z.ZodNullable<z.ZodNumber>;
}
export interface EnumField<K extends string = string> extends Common<K> {
  kind: 'enum';
  values: readonly string[];
  default: string;
  schema: z.ZodType<string>;
}
/** A small set of allowed integers (e.g. an image resolution). */
export interface ChoiceField<K extends string = string> extends Common<K> {
  kind: 'choice';
  values: readonly number[];
  default: number;
  schema: z.ZodType<number>;
}
export interface BoolField<K extends string = string> extends Common<K> {
  kind: 'bool';
  default: boolean;
  schema: z.ZodBoolean;
}
/** Free text checked by the schema; `allowed` describes the accepted form in notices. */
export interface TextField<K extends string = string> extends Common<K> {
  kind: 'text';
  allowed: string;
  default: string;
  schema: z.ZodType<string>;
}

type Base<K extends string> = { key: K; name?: string; label: string };
const common = <K extends string>(b: Base<K>): Common<K> => ({ key: b.key, name: b.name ?? b.key, label: b.label });

export function intField<K extends string>(b: Base<K> & { min: number; max: number; default: number; log?: boolean }) {
  return { ...common(b), kind: 'int', min: b.min, max: b.max, log: b.log ?? false, default: b.default, schema: z.number().int().min(b.min).max(b.max) } satisfies IntField<K>;
}

export function numberField<K extends string>(b: Base<K> & { min: number; max: number; default: number; log?: boolean }) {
  return { ...common(b), kind: 'number', min: b.min, max: b.max, log: b.log ?? false, auto: false, default: b.default, schema: z.number().min(b.min).max(b.max) } satisfies NumberField<K>;
}

/** A number that may be "auto" (null). */
export function autoNumberField<K extends string>(b: Base<K> & { min: number; max: number; log?: boolean }) {
  return {
    ...common(b),
    kind: 'number',
    min: b.min,
    max: b.max,
    log: b.log ?? false,
    auto: true,
    default: null,
    schema: z.number().min(b.min).max(b.max).nullable(),
  } satisfies NumberField<K>;
}

export function enumField<K extends string, const V extends readonly [string, ...string[]]>(b: Base<K> & { values: V; default: V[number] }) {
  return { ...common(b), kind: 'enum', values: b.values, default: b.default, schema: z.enum(b.values) } satisfies EnumField<K>;
}

export function choiceField<K extends string, const V extends readonly [number, ...number[]]>(b: Base<K> & { values: V; default: V[number] }) {
  return { ...common(b), kind: 'choice', values: b.values, default: b.default, schema: z.literal(b.values) } satisfies ChoiceField<K>;
}

export function boolField<K extends string>(b: Base<K> & { default: boolean }) {
  return { ...common(b), kind: 'bool', default: b.default, schema: z.boolean() } satisfies BoolField<K>;
}

export function textField<K extends string>(b: Base<K> & { default: string; allowed: string; schema: z.ZodType<string> }) {
  return { ...common(b), kind: 'text', allowed: b.allowed, default: b.default, schema: b.schema } satisfies TextField<K>;
}

export type AnyField<K extends string = string> = IntField<K> | NumberField<K> | EnumField<K> | ChoiceField<K> | BoolField<K> | TextField<K>;
