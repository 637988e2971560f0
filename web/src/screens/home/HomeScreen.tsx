import { Link } from 'react-router';
import { Page } from '../../components/Page';

/** Where people start: the public pages of the demo commune, and signing in. */
export function HomeScreen() {
  return (
    <Page title="Tổ công nghệ số cộng đồng" lead="Cùng người dân từng thôn, bản làm quen với các kỹ năng số.">
      <ul className="cards">
        <li className="card">
          <h2>
            <Link to="/cong-khai/17227">Công khai thu chi Xã Tam Quang</Link>
          </h2>
          <p>Các khoản ủng hộ với số phiếu thu, các khoản chi đã duyệt.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/ngay-hoi/17227">Ngày hội chuyển đổi số sắp diễn ra</Link>
          </h2>
          <p>Xem khu gian hàng còn trống và đăng ký gian hàng cho hộ gia đình, hợp tác xã, doanh nghiệp.</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/tra-cuu">Tra cứu đơn đăng ký gian hàng</Link>
          </h2>
          <p>Bằng số điện thoại và mã tra cứu đã được cấp.</p>
        </li>
      </ul>
    </Page>
  );
}
