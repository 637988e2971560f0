import { placeName, shortDate, type Paper, type PaperHeading } from '../../common/papers';
import { todayInVietnam } from '../../common/dates';
import type { ActivityPlan, AdministrativeUnit, ProgrammeActivity, Team, WorkAssignment } from '../entities';

/** A team's plan as the handbook's forms (chapter II §6): the activity programme (6.2) and the work assignments (6.5). */

/** The heading of a paper a team issues: the team under its unit, dated the day of approval (or today, a draft). */
export function teamHeading(team: Team, unit: AdministrativeUnit, plan: ActivityPlan): PaperHeading {
  return { superior: unit.name, issuer: team.name, place: placeName(unit.name), date: plan.approvedOn ?? todayInVietnam() };
}

const approval = (plan: ActivityPlan) => (plan.approvedOn ? `Đã được phê duyệt ngày ${shortDate(plan.approvedOn)}` : 'Dự thảo, chưa được phê duyệt');

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
