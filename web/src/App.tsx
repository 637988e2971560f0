import { lazy, type ComponentType } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Provider } from 'urql';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { RequireRole } from './components/RequireRole';
import { client } from './graphql';

/** A screen exported by name from its module, loaded when first shown. */
function screen<Module, Name extends keyof Module>(load: () => Promise<Module>, name: Name) {
  return lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));
}

// Every screen loads only when opened (the frame shows `Loading` meanwhile): a public page shared by
// QR code downloads and runs the app's frame and its own screen, not the others (issue 16's Lighthouse bar).
const HomeScreen = screen(() => import('./screens/home/HomeScreen'), 'HomeScreen');
const LedgerScreen = screen(() => import('./screens/ledger/LedgerScreen'), 'LedgerScreen');
const FairsScreen = screen(() => import('./screens/fairs/FairsScreen'), 'FairsScreen');
const FairScreen = screen(() => import('./screens/fair/FairScreen'), 'FairScreen');
const StallApplicationScreen = screen(() => import('./screens/stall-application/StallApplicationScreen'), 'StallApplicationScreen');
const ApplicationStatusScreen = screen(() => import('./screens/application-status/ApplicationStatusScreen'), 'ApplicationStatusScreen');
const JoinRequestScreen = screen(() => import('./screens/join-request/JoinRequestScreen'), 'JoinRequestScreen');
const JoinStatusScreen = screen(() => import('./screens/join-status/JoinStatusScreen'), 'JoinStatusScreen');
const HonourRollScreen = screen(() => import('./screens/recognition/HonourRollScreen'), 'HonourRollScreen');
const SignInScreen = screen(() => import('./screens/sign-in/SignInScreen'), 'SignInScreen');
const SignInCallbackScreen = screen(() => import('./screens/sign-in/SignInScreen'), 'SignInCallbackScreen');
const OrganiserFairsScreen = screen(() => import('./screens/organiser-applications/OrganiserApplicationsScreen'), 'OrganiserFairsScreen');
const OrganiserApplicationsScreen = screen(() => import('./screens/organiser-applications/OrganiserApplicationsScreen'), 'OrganiserApplicationsScreen');
const ContestsScreen = screen(() => import('./screens/contests/ContestsScreen'), 'ContestsScreen');
const PartnerWorkScreen = screen(() => import('./screens/partner/PartnerWorkScreen'), 'PartnerWorkScreen');
const PartnerKeysScreen = screen(() => import('./screens/partner/PartnerKeysScreen'), 'PartnerKeysScreen');
const UnitDashboardScreen = screen(() => import('./screens/unit-dashboard/UnitDashboardScreen'), 'UnitDashboardScreen');
const LeaveRequestScreen = screen(() => import('./screens/leave-request/LeaveRequestScreen'), 'LeaveRequestScreen');
const ExpenseQueueScreen = screen(() => import('./screens/expense-queue/ExpenseQueueScreen'), 'ExpenseQueueScreen');
const VolunteerScreen = screen(() => import('./screens/volunteering/VolunteerScreen'), 'VolunteerScreen');
const VolunteerHoursQueueScreen = screen(() => import('./screens/volunteering/VolunteerHoursQueueScreen'), 'VolunteerHoursQueueScreen');
const ProgrammesScreen = screen(() => import('./screens/programmes'), 'ProgrammesScreen');
const ProgrammeScreen = screen(() => import('./screens/programmes'), 'ProgrammeScreen');
const RecordReceiptScreen = screen(() => import('./screens/programmes'), 'RecordReceiptScreen');
const ReceiptPrintScreen = screen(() => import('./screens/programmes'), 'ReceiptPrintScreen');
const StockScreen = screen(() => import('./screens/stock/StockScreen'), 'StockScreen');
const SponsorPipelineScreen = screen(() => import('./screens/sponsors/SponsorPipelineScreen'), 'SponsorPipelineScreen');
const TeamScreen = screen(() => import('./screens/team/TeamScreen'), 'TeamScreen');
const UnitTeamsScreen = screen(() => import('./screens/team/TeamScreen'), 'UnitTeamsScreen');
const RosterImportScreen = screen(() => import('./screens/roster-import/RosterImportScreen'), 'RosterImportScreen');
const RecognitionScreen = screen(() => import('./screens/recognition/RecognitionScreen'), 'RecognitionScreen');
const LaunchCampaignScreen = screen(() => import('./screens/recognition/LaunchCampaignScreen'), 'LaunchCampaignScreen');
const NominateScreen = screen(() => import('./screens/recognition/NominateScreen'), 'NominateScreen');
const ProposeRewardScreen = screen(() => import('./screens/recognition/ProposeRewardScreen'), 'ProposeRewardScreen');
const ActivityReportScreen = screen(() => import('./screens/activity-report/ActivityReportScreen'), 'ActivityReportScreen');
const MyDataScreen = screen(() => import('./screens/my-data/MyDataScreen'), 'MyDataScreen');
const PersonalDataQueueScreen = screen(() => import('./screens/personal-data-queue/PersonalDataQueueScreen'), 'PersonalDataQueueScreen');
const ReminderPreferenceScreen = screen(() => import('./screens/reminders/ReminderPreferenceScreen'), 'ReminderPreferenceScreen');
const WebhooksScreen = screen(() => import('./screens/webhooks/WebhooksScreen'), 'WebhooksScreen');
const ReorganiseUnitsScreen = screen(() => import('./screens/reorganise-units/ReorganiseUnitsScreen'), 'ReorganiseUnitsScreen');

const signedIn = (roles: string[], screen: React.ReactNode) => <RequireRole roles={roles}>{screen}</RequireRole>;

/** Every screen and its address (Vietnamese paths: they are shared as links and QR codes). */
const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomeScreen /> },
      { path: '/cong-khai/:unitCode', element: <LedgerScreen /> },
      { path: '/ngay-hoi/:unitCode', element: <FairsScreen /> },
      { path: '/su-kien/:eventId', element: <FairScreen /> },
      { path: '/su-kien/:eventId/dang-ky', element: <StallApplicationScreen /> },
      { path: '/tra-cuu', element: <ApplicationStatusScreen /> },
      { path: '/vinh-danh/:unitCode', element: <HonourRollScreen /> },
      { path: '/to/:teamId/xin-gia-nhap', element: <JoinRequestScreen /> },
      { path: '/tra-cuu-gia-nhap', element: <JoinStatusScreen /> },
      { path: '/du-lieu-cua-toi', element: <MyDataScreen /> },
      { path: '/dang-nhap', element: <SignInScreen /> },
      { path: '/dang-nhap/xong', element: <SignInCallbackScreen /> },
      { path: '/to-chuc', element: signedIn(['ORGANISER', 'OFFICER', 'ADMIN'], <OrganiserFairsScreen />) },
      { path: '/to-chuc/:eventId', element: signedIn(['ORGANISER', 'OFFICER', 'ADMIN'], <OrganiserApplicationsScreen />) },
      { path: '/to-chuc/:eventId/cuoc-thi', element: signedIn(['ORGANISER', 'OFFICER', 'ADMIN'], <ContestsScreen />) },
      { path: '/doi-tac', element: signedIn(['PARTNER'], <PartnerWorkScreen />) },
      { path: '/doi-tac/webhook', element: signedIn(['PARTNER'], <WebhooksScreen />) },
      { path: '/quan-tri/khoa-doi-tac', element: signedIn(['ADMIN'], <PartnerKeysScreen />) },
      { path: '/quan-tri/don-vi', element: signedIn(['OFFICER', 'ADMIN'], <ReorganiseUnitsScreen />) },
      { path: '/nhac-viec', element: signedIn(['OFFICER', 'TEAM_LEADER'], <ReminderPreferenceScreen />) },
      { path: '/tong-hop', element: signedIn(['OFFICER'], <UnitDashboardScreen />) },
      { path: '/nha-tai-tro', element: signedIn(['OFFICER'], <SponsorPipelineScreen />) },
      { path: '/duyet-chi', element: signedIn(['OFFICER'], <ExpenseQueueScreen />) },
      { path: '/yeu-cau-du-lieu', element: signedIn(['OFFICER', 'ADMIN'], <PersonalDataQueueScreen />) },
      { path: '/kho-hien-vat', element: signedIn(['OFFICER'], <StockScreen />) },
      { path: '/thi-dua', element: signedIn(['OFFICER', 'ADMIN'], <RecognitionScreen />) },
      { path: '/thi-dua/phat-dong', element: signedIn(['OFFICER'], <LaunchCampaignScreen />) },
      { path: '/thi-dua/de-nghi', element: signedIn(['OFFICER'], <ProposeRewardScreen />) },
      { path: '/thi-dua/:campaignId/de-cu', element: signedIn(['OFFICER'], <NominateScreen />) },
      { path: '/chuong-trinh', element: signedIn(['OFFICER'], <ProgrammesScreen />) },
      { path: '/chuong-trinh/:programmeId', element: signedIn(['OFFICER'], <ProgrammeScreen />) },
      { path: '/chuong-trinh/:programmeId/ghi-thu', element: signedIn(['OFFICER'], <RecordReceiptScreen />) },
      { path: '/chuong-trinh/:programmeId/phieu-thu/:receiptId', element: signedIn(['OFFICER'], <ReceiptPrintScreen />) },
      { path: '/to', element: signedIn(['TEAM_LEADER'], <TeamScreen />) },
      { path: '/cac-to', element: signedIn(['OFFICER'], <UnitTeamsScreen />) },
      { path: '/nhap-danh-sach', element: signedIn(['OFFICER', 'ADMIN'], <RosterImportScreen />) },
      { path: '/to/:teamId', element: signedIn(['TEAM_LEADER', 'OFFICER'], <TeamScreen />) },
      { path: '/bao-cao', element: signedIn(['TEAM_LEADER'], <ActivityReportScreen />) },
      { path: '/xin-thoi', element: signedIn(['MEMBER'], <LeaveRequestScreen />) },
      { path: '/tinh-nguyen', element: signedIn(['VOLUNTEER'], <VolunteerScreen />) },
      { path: '/duyet-gio-tinh-nguyen', element: signedIn(['OFFICER', 'TEAM_LEADER'], <VolunteerHoursQueueScreen />) },
      { path: '*', element: <Page title="Không tìm thấy trang">Địa chỉ này không có trong ứng dụng.</Page> },
    ],
  },
]);

export function App() {
  return (
    <Provider value={client}>
      <RouterProvider router={router} />
    </Provider>
  );
}
