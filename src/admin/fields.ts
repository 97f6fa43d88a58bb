// The form of POST /api/admin/plans: each field checked against its named limit, with a sentence naming the field.
import { AppError } from '../errors.ts';
import type { PlanKind } from '../corpus/types.ts';

export const MAX_CITY_CHARS = 20;
export const MAX_TITLE_CHARS = 100;
export const MAX_PROVINCE_CHARS = 20;
export const MAX_ISSUER_CHARS = 60;
export const MAX_FILE_NAME_CHARS = 200;
export const MAX_DOC_NUMBER_CHARS = 40;

export interface UploadFields {
  file: File;
  id: string;
  city: string;
  title: string | null;
  province: string | null;
  issuer: string | null;
  period: string | null;
  kind: PlanKind | null;
  /** 文号, e.g. 济残发〔2023〕7号. */
  docNumber: string | null;
}

function text(form: FormData, name: string, max: number, pattern: RegExp, what: string): string | null {
  const value = form.get(name);
  if (value === null || (typeof value === 'string' && value.trim() === '')) return null;
  if (typeof value !== 'string') throw new AppError('BAD_REQUEST', `字段 ${name} 应是文字。`);
  const trimmed = value.normalize('NFC').trim();
  if (trimmed.length > max || !pattern.test(trimmed)) throw new AppError('BAD_REQUEST', `字段 ${name} ${what}`);
  return trimmed;
}

/** Reads and checks the upload form; the file must be at most `maxBytes`. */
export function uploadFields(form: FormData, maxBytes: number): UploadFields {
  const file = form.get('file');
  if (!(file instanceof File)) throw new AppError('BAD_REQUEST', '请在字段 file 里附上规划文件。');
  if (file.size > maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `文件最大 ${maxBytes} 字节，这个有 ${file.size} 字节。`);
  if (file.name.length > MAX_FILE_NAME_CHARS)
    throw new AppError('BAD_REQUEST', `文件名最长 ${MAX_FILE_NAME_CHARS} 个字符。`);
  const rawId = form.get('id');
  if (typeof rawId !== 'string' || !/^[a-z][a-z0-9-]{1,40}$/.test(rawId)) {
    throw new AppError('BAD_PLAN_ID', '字段 id 必填：2–41 个小写字母、数字或连字符，以字母开头（用在网址里）。');
  }
  const city = text(
    form,
    'city',
    MAX_CITY_CHARS,
    /^[\p{Script=Han}·]+$/u,
    `必须是 1–${MAX_CITY_CHARS} 个汉字的城市名。`,
  );
  if (!city) throw new AppError('BAD_REQUEST', '字段 city 必填（城市名，如 临沂）。');
  const kind = text(form, 'kind', 10, /^(plan|rules|guide|notice)$/, '只能是 plan、rules、guide 或 notice。');
  return {
    file,
    id: rawId,
    city: city.replace(/市$/, ''),
    title: text(form, 'title', MAX_TITLE_CHARS, /^[^\n]+$/, `最长 ${MAX_TITLE_CHARS} 个字符，且只能一行。`),
    province: text(
      form,
      'province',
      MAX_PROVINCE_CHARS,
      /^[\p{Script=Han}]+$/u,
      `必须是 1–${MAX_PROVINCE_CHARS} 个汉字。`,
    ),
    issuer: text(form, 'issuer', MAX_ISSUER_CHARS, /^[^\n]+$/, `最长 ${MAX_ISSUER_CHARS} 个字符。`),
    period: text(form, 'period', 9, /^20\d\d-20\d\d$/, '应写成 2021-2025 这样的年份区间。'),
    kind: kind as PlanKind | null,
    docNumber: text(
      form,
      'docNumber',
      MAX_DOC_NUMBER_CHARS,
      /^[^\n]+号$/,
      `最长 ${MAX_DOC_NUMBER_CHARS} 个字符，以“号”结尾（如 济残发〔2023〕7号）。`,
    ),
  };
}
