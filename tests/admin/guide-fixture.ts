// The invented service guide of tests/fixtures/documents/jining-guide.txt and the card it gives, as read from the file.
import fs from 'node:fs';
import path from 'node:path';

export const GUIDE = fs.readFileSync(
  path.join(import.meta.dirname, '..', 'fixtures', 'documents', 'jining-guide.txt'),
  'utf8',
);

/** The card as the fixture states it: eight of its nine fields (设定依据 is for staff), in template order. */
export const JINING_GUIDE_CARD = [
  { field: '事项名称', text: '困难残疾人生活补贴和重度残疾人护理补贴申请' },
  {
    field: '申请条件',
    text: '具有本市户籍，持有第二代残疾人证，符合困难残疾人生活补贴或重度残疾人护理补贴对象条件。',
  },
  {
    field: '申请材料',
    text: '1.申请人居民身份证原件及复印件；2.第二代中华人民共和国残疾人证原件及复印件；3.户口簿原件及复印件；4.近期一寸免冠照片2张。',
  },
  {
    field: '办理流程',
    text: '申请人向户籍所在地乡镇（街道）提出申请，乡镇（街道）受理并初审，县（市、区）残联审核，审核通过的自次月起发放。',
  },
  { field: '办理时限', text: '15个工作日。' },
  { field: '收费标准', text: '不收费。' },
  { field: '咨询电话', text: '0537-2345678' },
  { field: '办理地点', text: '户籍所在地乡镇人民政府（街道办事处）便民服务中心。' },
];
