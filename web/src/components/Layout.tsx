import { Suspense, useSyncExternalStore } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { currentSession, onSessionChange, signOut } from '../auth/session';
import { Loading } from './Page';

export function useSession() {
  return useSyncExternalStore(onSessionChange, currentSession);
}

/** The app's frame: a skip link, the header with the menu for who is signed in, the screen. */
export function Layout() {
  const session = useSession();
  const roles = session?.roles ?? [];
  return (
    <>
      <a className="skip" href="#noi-dung">
        Bỏ qua menu
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Tổ công nghệ số cộng đồng
        </Link>
        <nav aria-label="Chính">
          <NavLink to="/cong-khai/17227">Công khai thu chi</NavLink>
          <NavLink to="/ngay-hoi/17227">Ngày hội</NavLink>
          <NavLink to="/tra-cuu">Tra cứu đơn</NavLink>
          <NavLink to="/vinh-danh/40">Vinh danh</NavLink>
          <NavLink to="/du-lieu-cua-toi">Dữ liệu của tôi</NavLink>
          {roles.includes('TEAM_LEADER') && <NavLink to="/bao-cao">Báo cáo tháng</NavLink>}
          {roles.includes('MEMBER') && <NavLink to="/xin-thoi">Xin thôi tham gia tổ</NavLink>}
          {roles.includes('VOLUNTEER') && <NavLink to="/tinh-nguyen">Tình nguyện</NavLink>}
          {roles.includes('TEAM_LEADER') && <NavLink to="/to">Tổ của tôi</NavLink>}
          {roles.includes('OFFICER') && <NavLink to="/cac-to">Các tổ</NavLink>}
          {roles.includes('OFFICER') && <NavLink to="/tong-hop">Tổng hợp</NavLink>}
          {(roles.includes('OFFICER') || roles.includes('ADMIN')) && <NavLink to="/nhap-danh-sach">Nhập danh sách</NavLink>}
          {roles.includes('OFFICER') && <NavLink to="/chuong-trinh">Chương trình</NavLink>}
          {roles.includes('OFFICER') && <NavLink to="/duyet-chi">Duyệt chi</NavLink>}
          {(roles.includes('OFFICER') || roles.includes('ADMIN')) && <NavLink to="/yeu-cau-du-lieu">Yêu cầu về dữ liệu</NavLink>}
          {roles.includes('OFFICER') && <NavLink to="/kho-hien-vat">Kho hiện vật</NavLink>}
          {(roles.includes('OFFICER') || roles.includes('ADMIN')) && <NavLink to="/thi-dua">Thi đua, khen thưởng</NavLink>}
          {(roles.includes('OFFICER') || roles.includes('TEAM_LEADER')) && <NavLink to="/duyet-gio-tinh-nguyen">Duyệt giờ tình nguyện</NavLink>}
          {roles.includes('OFFICER') && <NavLink to="/nha-tai-tro">Nhà tài trợ</NavLink>}
          {roles.includes('PARTNER') && <NavLink to="/doi-tac">Tập huấn, hỗ trợ</NavLink>}
          {roles.includes('PARTNER') && <NavLink to="/doi-tac/webhook">Nhận sự kiện (webhook)</NavLink>}
          {roles.includes('ADMIN') && <NavLink to="/quan-tri/khoa-doi-tac">Khoá API đối tác</NavLink>}
          {(roles.includes('OFFICER') || roles.includes('ADMIN')) && <NavLink to="/quan-tri/don-vi">Sắp xếp đơn vị</NavLink>}
          {(roles.includes('OFFICER') || roles.includes('TEAM_LEADER')) && <NavLink to="/nhac-viec">Nhắc việc</NavLink>}
          {(roles.includes('ORGANISER') || roles.includes('OFFICER')) && <NavLink to="/to-chuc">Đơn gian hàng</NavLink>}
          {session ? (
            <button type="button" className="link" onClick={() => void signOut()}>
              Đăng xuất ({session.label})
            </button>
          ) : (
            <NavLink to="/dang-nhap">Đăng nhập</NavLink>
          )}
        </nav>
      </header>
      <main id="noi-dung" tabIndex={-1}>
        {/* Screens are loaded lazily (App.tsx). */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
