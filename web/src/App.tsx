import { lazy } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { Provider } from 'urql';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { RequireRole } from './components/RequireRole';
import { client } from './graphql';

// Every screen loads only when opened (the frame shows `Loading` meanwhile): a public page shared by
// QR code downloads and runs the app's frame and its own screen, not the others (issue 16's Lighthouse bar).
const HomeScreen = lazy(() => import('./screens/home/HomeScreen').then((module) => ({ default: module.HomeScreen })));
const LedgerScreen = lazy(() => import('./screens/ledger/LedgerScreen').then((module) => ({ default: module.LedgerScreen })));
const FairsScreen = lazy(() => import('./screens/fairs/FairsScreen').then((module) => ({ default: module.FairsScreen })));
const FairScreen = lazy(() => import('./screens/fair/FairScreen').then((module) => ({ default: module.FairScreen })));
const StallApplicationScreen = lazy(() =>
  import('./screens/stall-application/StallApplicationScreen').then((module) => ({ default: module.StallApplicationScreen })),
);
const ApplicationStatusScreen = lazy(() =>
  import('./screens/application-status/ApplicationStatusScreen').then((module) => ({ default: module.ApplicationStatusScreen })),
);
const JoinRequestScreen = lazy(() => import('./screens/join-request/JoinRequestScreen').then((module) => ({ default: module.JoinRequestScreen })));
const JoinStatusScreen = lazy(() => import('./screens/join-status/JoinStatusScreen').then((module) => ({ default: module.JoinStatusScreen })));
const HonourRollScreen = lazy(() => import('./screens/recognition/HonourRollScreen').then((module) => ({ default: module.HonourRollScreen })));
const SignInScreen = lazy(() => import('./screens/sign-in/SignInScreen').then((module) => ({ default: module.SignInScreen })));
const SignInCallbackScreen = lazy(() => import('./screens/sign-in/SignInScreen').then((module) => ({ default: module.SignInCallbackScreen })));
const OrganiserFairsScreen = lazy(() =>
  import('./screens/organiser-applications/OrganiserApplicationsScreen').then((module) => ({ default: module.OrganiserFairsScreen })),
);
const OrganiserApplicationsScreen = lazy(() =>
  import('./screens/organiser-applications/OrganiserApplicationsScreen').then((module) => ({ default: module.OrganiserApplicationsScreen })),
);
const ContestsScreen = lazy(() => import('./screens/contests/ContestsScreen').then((module) => ({ default: module.ContestsScreen })));
const PartnerWorkScreen = lazy(() => import('./screens/partner/PartnerWorkScreen').then((module) => ({ default: module.PartnerWorkScreen })));
const PartnerKeysScreen = lazy(() => import('./screens/partner/PartnerKeysScreen').then((module) => ({ default: module.PartnerKeysScreen })));
const UnitDashboardScreen = lazy(() => import('./screens/unit-dashboard/UnitDashboardScreen').then((module) => ({ default: module.UnitDashboardScreen })));
const LeaveRequestScreen = lazy(() => import('./screens/leave-request/LeaveRequestScreen').then((module) => ({ default: module.LeaveRequestScreen })));
const ExpenseQueueScreen = lazy(() => import('./screens/expense-queue/ExpenseQueueScreen').then((module) => ({ default: module.ExpenseQueueScreen })));
const VolunteerScreen = lazy(() => import('./screens/volunteering/VolunteerScreen').then((module) => ({ default: module.VolunteerScreen })));
const VolunteerHoursQueueScreen = lazy(() =>
  import('./screens/volunteering/VolunteerHoursQueueScreen').then((module) => ({ default: module.VolunteerHoursQueueScreen })),
);
const programmeScreen = (name: 'ProgrammesScreen' | 'ProgrammeScreen' | 'RecordReceiptScreen' | 'ReceiptPrintScreen') =>
  lazy(() => import('./screens/programmes').then((module) => ({ default: module[name] })));
const ProgrammesScreen = programmeScreen('ProgrammesScreen');
const ProgrammeScreen = programmeScreen('ProgrammeScreen');
const RecordReceiptScreen = programmeScreen('RecordReceiptScreen');
const ReceiptPrintScreen = programmeScreen('ReceiptPrintScreen');
const SponsorPipelineScreen = lazy(() => import('./screens/sponsors/SponsorPipelineScreen').then((module) => ({ default: module.SponsorPipelineScreen })));
const TeamScreen = lazy(() => import('./screens/team/TeamScreen').then((module) => ({ default: module.TeamScreen })));
const UnitTeamsScreen = lazy(() => import('./screens/team/TeamScreen').then((module) => ({ default: module.UnitTeamsScreen })));
const RosterImportScreen = lazy(() => import('./screens/roster-import/RosterImportScreen').then((module) => ({ default: module.RosterImportScreen })));
const RecognitionScreen = lazy(() => import('./screens/recognition/RecognitionScreen').then((module) => ({ default: module.RecognitionScreen })));
const ActivityReportScreen = lazy(() => import('./screens/activity-report/ActivityReportScreen').then((module) => ({ default: module.ActivityReportScreen })));

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
      { path: '/dang-nhap', element: <SignInScreen /> },
      { path: '/dang-nhap/xong', element: <SignInCallbackScreen /> },
      { path: '/to-chuc', element: signedIn(['ORGANISER', 'OFFICER', 'ADMIN'], <OrganiserFairsScreen />) },
      { path: '/to-chuc/:eventId', element: signedIn(['ORGANISER', 'OFFICER', 'ADMIN'], <OrganiserApplicationsScreen />) },
      { path: '/to-chuc/:eventId/cuoc-thi', element: signedIn(['ORGANISER', 'OFFICER', 'ADMIN'], <ContestsScreen />) },
      { path: '/doi-tac', element: signedIn(['PARTNER'], <PartnerWorkScreen />) },
      { path: '/quan-tri/khoa-doi-tac', element: signedIn(['ADMIN'], <PartnerKeysScreen />) },
      { path: '/tong-hop', element: signedIn(['OFFICER'], <UnitDashboardScreen />) },
      { path: '/nha-tai-tro', element: signedIn(['OFFICER'], <SponsorPipelineScreen />) },
      { path: '/duyet-chi', element: signedIn(['OFFICER'], <ExpenseQueueScreen />) },
      { path: '/thi-dua', element: signedIn(['OFFICER', 'ADMIN'], <RecognitionScreen />) },
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
