/*
 * The input shapes of each import record kind, narrowed from the union the import
 * schema exports, so the demo builders are checked against the real format.
 */
import type { ImportRecordInput } from '../import/records.ts';

type Kind<K extends ImportRecordInput['kind']> = Extract<ImportRecordInput, { kind: K }>;

export type NetworkInput = Kind<'network'>;
export type CenterInput = Kind<'center'>;
export type NewsletterInput = Kind<'newsletter'>;
export type PageInput = Kind<'page'>;
export type TypeInput = Kind<'type'>;
export type TermInput = Kind<'term'>;
export type PartnerInput = Kind<'partner'>;
export type PersonInput = Kind<'person'>;
export type PublicationInput = Kind<'publication'>;
export type ImageInput = NonNullable<PublicationInput['leadImage']>;
