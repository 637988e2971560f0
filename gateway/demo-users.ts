import { NATION_CODE, Role, type HubClaims } from '../subgraphs/common/auth';
import { demoId } from '../subgraphs/common/demo';

/** The demo data's people, offered by the development sign-in page (never in production). */
export interface DemoUser {
  id: string;
  /** Who they are, in Vietnamese, as the sign-in page lists them. */
  label: string;
  claims: HubClaims;
}

export const DEMO_USERS: DemoUser[] = [
  { id: 'admin', label: 'Quản trị hệ thống', claims: { sub: 'dev-admin', roles: [Role.ADMIN] } },
  { id: 'officer', label: 'Cán bộ Xã Tam Quang', claims: { sub: 'dev-officer', roles: [Role.OFFICER], units: ['17227'] } },
  { id: 'province-officer', label: 'Cán bộ Tỉnh đoàn Nghệ An', claims: { sub: 'dev-province-officer', roles: [Role.OFFICER], units: ['40'] } },
  { id: 'national-officer', label: 'Cán bộ Trung ương Đoàn (toàn quốc)', claims: { sub: 'dev-national-officer', roles: [Role.OFFICER], units: [NATION_CODE] } },
  {
    id: 'leader',
    label: 'Tổ trưởng Tổ công nghệ số bản Tân Hương',
    claims: { sub: 'dev-leader', roles: [Role.TEAM_LEADER], team: demoId('team:17227.02') },
  },
  {
    id: 'member',
    label: 'Thành viên Tổ công nghệ số bản Tân Hương',
    claims: { sub: 'dev-member', roles: [Role.MEMBER], member: demoId('member:17227.02:2') },
  },
  {
    id: 'volunteer',
    label: 'Tình nguyện viên Nguyễn Thị Thu Trang (sinh viên)',
    claims: { sub: 'dev-volunteer', roles: [Role.VOLUNTEER], volunteer: demoId('volunteer:17227:student') },
  },
  { id: 'organiser', label: 'Ban tổ chức ngày hội (Lương Thị Thu Hà)', claims: { sub: 'dev-organiser', roles: [Role.ORGANISER] } },
  {
    id: 'partner',
    label: 'Nhân viên Viettel Nghệ An',
    claims: { sub: 'dev-viettel', roles: [Role.PARTNER], partner: demoId('partner:viettel') },
  },
];
