import { placeName, shortDate, type Paper, type PaperBlock, type PaperHeading } from '../../common/papers';
import { todayInVietnam } from '../../common/dates';
import type { ActivityPlan, AdministrativeUnit, PlanTheme, ProgrammeActivity, Team, WorkAssignment } from '../entities';

/** A team's plan as the handbook's forms (chapter II §6): the plan (6.3), the activity programme (6.2) and the work assignments (6.5). */

/** The heading of a paper a team issues: the team under its unit, dated the day of approval (or today, a draft). */
export function teamHeading(team: Team, unit: AdministrativeUnit, plan: ActivityPlan): PaperHeading {
  return { superior: unit.name, issuer: team.name, place: placeName(unit.name), date: plan.approvedOn ?? todayInVietnam() };
}

const approval = (plan: ActivityPlan) => (plan.approvedOn ? `Đã được phê duyệt ngày ${shortDate(plan.approvedOn)}` : 'Dự thảo, chưa được phê duyệt');

/** The sections of form 6.3, in the handbook's order. */
const PLAN_SECTIONS = [
  ['purpose', 'I. Mục đích ý nghĩa'],
  ['timeAndPlace', 'II. Thời gian - địa điểm'],
  ['participants', 'III. Đối tượng - số lượng - thành phần'],
  ['content', 'IV. Nội dung'],
  ['organisers', 'V. Ban chỉ đạo, ban tổ chức'],
  ['schedule', 'VI. Tiến độ thực hiện'],
] as const satisfies readonly (readonly [keyof ActivityPlan, string])[];

/** The plan's number on the paper: one plan (KH) a year from a team (Tổ công nghệ số cộng đồng). */
export const planNumber = (plan: ActivityPlan) => `${plan.year}/KH-TCNSCĐ`;

/**
 * Form 6.3: the plan's six sections, each as written (a section not yet written says so); the
 * quarterly themes under IV (content), the programme's rows with their time under VI (schedule).
 */
export function activityPlanPaper(heading: PaperHeading, plan: ActivityPlan, themes: PlanTheme[], rows: ProgrammeActivity[]): Paper {
  const blocks: PaperBlock[] = PLAN_SECTIONS.flatMap(([field, title]): PaperBlock[] => {
    const text = plan[field];
    const section: PaperBlock[] = [{ paragraph: title, font: 'bold', align: 'left' }, text ? { paragraph: text } : { paragraph: '(Chưa ghi)', font: 'italic' }];
    if (field === 'content' && themes.length > 0) section.push(...themes.map((theme) => ({ label: `Quý ${theme.quarter}`, value: theme.theme })));
    if (field === 'schedule' && rows.length > 0) {
      section.push({
        columns: [
          { heading: 'STT', width: 0.6, align: 'center' },
          { heading: 'Nội dung', width: 3 },
          { heading: 'Thời gian', width: 1.4 },
          { heading: 'Địa điểm', width: 1.4 },
          { heading: 'Phân công thực hiện', width: 1.6 },
        ],
        rows: rows.map((row) => [String(row.position), row.content, row.time ?? '', row.place ?? '', row.executor ?? '']),
      });
    }
    return section;
  });
  return {
    heading: { ...heading, number: planNumber(plan) },
    title: `Kế hoạch hoạt động năm ${plan.year}`,
    subtitle: `${plan.title}. ${approval(plan)}`,
    blocks,
    signatures: [{ title: 'Tổ trưởng' }, { title: 'Phê duyệt của UBND xã' }],
  };
}

/** Form 6.2: STT, nội dung, chi tiết, thời gian, địa điểm, phân công thực hiện, phân công chỉ đạo, ghi chú. */
export function activityProgrammePaper(heading: PaperHeading, plan: ActivityPlan, rows: ProgrammeActivity[]): Paper {
  return {
    heading,
    title: `Chương trình hoạt động năm ${plan.year}`,
    subtitle: `${plan.title}. ${approval(plan)}`,
    blocks: [
      {
        columns: [
          { heading: 'STT', width: 0.6, align: 'center' },
          { heading: 'Nội dung', width: 2.4 },
          { heading: 'Chi tiết', width: 2.4 },
          { heading: 'Thời gian', width: 1.3 },
          { heading: 'Địa điểm', width: 1.3 },
          { heading: 'Phân công thực hiện', width: 1.5 },
          { heading: 'Phân công chỉ đạo', width: 1.5 },
          { heading: 'Ghi chú', width: 1.2 },
        ],
        rows: rows.map((row) => [String(row.position), row.content, row.details ?? '', row.time ?? '', row.place ?? '', row.executor ?? '', row.director ?? '', row.note ?? '']),
      },
    ],
    signatures: [{ title: 'Tổ trưởng' }, { title: 'Phê duyệt của UBND xã' }],
  };
}

/** Form 6.5: STT, nội dung, phân công, tiến độ hoàn thành, ghi chú; with whether each piece of work is done. */
export function workAssignmentsPaper(heading: PaperHeading, plan: ActivityPlan, assignments: WorkAssignment[], names: Map<string, string>): Paper {
  return {
    heading,
    title: 'Bảng phân công công việc',
    subtitle: `${plan.title}. ${approval(plan)}`,
    blocks: [
      {
        columns: [
          { heading: 'STT', width: 0.6, align: 'center' },
          { heading: 'Nội dung', width: 3.4 },
          { heading: 'Phân công', width: 1.8 },
          { heading: 'Tiến độ hoàn thành', width: 1.4 },
          { heading: 'Tình trạng', width: 1.2 },
          { heading: 'Ghi chú', width: 1.6 },
        ],
        rows: assignments.map((row) => [
          String(row.position),
          row.content,
          row.assigneeId ? (names.get(row.assigneeId) ?? '') : '',
          row.deadline ? shortDate(row.deadline) : '',
          row.done ? 'Đã xong' : 'Chưa xong',
          row.note ?? '',
        ]),
      },
    ],
    signatures: [{ title: 'Người phân công' }],
  };
}
