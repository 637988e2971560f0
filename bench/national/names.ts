import type { Random } from '../random';

/** The 34 provinces and centrally-run cities since the 2025 reform, with their official codes. */
export const PROVINCES: readonly { code: string; name: string }[] = [
  ['01', 'Thành phố Hà Nội'], ['04', 'Tỉnh Cao Bằng'], ['08', 'Tỉnh Tuyên Quang'], ['11', 'Tỉnh Điện Biên'],
  ['12', 'Tỉnh Lai Châu'], ['14', 'Tỉnh Sơn La'], ['15', 'Tỉnh Lào Cai'], ['19', 'Tỉnh Thái Nguyên'],
  ['20', 'Tỉnh Lạng Sơn'], ['22', 'Tỉnh Quảng Ninh'], ['24', 'Tỉnh Bắc Ninh'], ['25', 'Tỉnh Phú Thọ'],
  ['31', 'Thành phố Hải Phòng'], ['33', 'Tỉnh Hưng Yên'], ['37', 'Tỉnh Ninh Bình'], ['38', 'Tỉnh Thanh Hóa'],
  ['40', 'Tỉnh Nghệ An'], ['42', 'Tỉnh Hà Tĩnh'], ['44', 'Tỉnh Quảng Trị'], ['46', 'Thành phố Huế'],
  ['48', 'Thành phố Đà Nẵng'], ['51', 'Tỉnh Quảng Ngãi'], ['52', 'Tỉnh Gia Lai'], ['56', 'Tỉnh Khánh Hòa'],
  ['66', 'Tỉnh Đắk Lắk'], ['68', 'Tỉnh Lâm Đồng'], ['75', 'Tỉnh Đồng Nai'], ['79', 'Thành phố Hồ Chí Minh'],
  ['80', 'Tỉnh Tây Ninh'], ['82', 'Tỉnh Đồng Tháp'], ['86', 'Tỉnh Vĩnh Long'], ['91', 'Tỉnh An Giang'],
  ['92', 'Thành phố Cần Thơ'], ['96', 'Tỉnh Cà Mau'],
].map(([code, name]) => ({ code, name }));

/** The province's name without "Tỉnh" / "Thành phố", as in "Viettel Nghệ An". */
export function shortProvinceName(name: string): string {
  return name.replace(/^(Tỉnh|Thành phố) /, '');
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Lương', 'Trịnh', 'Hà'];
const FAMILY_WEIGHTS = [38, 11, 9.5, 7, 5, 2, 4.5, 3.9, 1, 2.1, 2, 1.4, 1.3, 1.3, 1, 0.5, 1, 0.5, 0.6, 0.5];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Đức', 'Minh', 'Thanh', 'Ngọc', 'Quang', 'Thu', 'Xuân', 'Hoài', 'Bảo', 'Gia', 'Khánh'];
const GIVEN = [
  'An', 'Anh', 'Bình', 'Châu', 'Chi', 'Cường', 'Dũng', 'Dung', 'Duy', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hiếu', 'Hòa', 'Hoa',
  'Hùng', 'Hương', 'Huy', 'Khoa', 'Lan', 'Linh', 'Long', 'Mai', 'Minh', 'My', 'Nam', 'Nga', 'Ngân', 'Nhung', 'Phong',
  'Phúc', 'Phương', 'Quân', 'Quỳnh', 'Sơn', 'Tâm', 'Thảo', 'Thắng', 'Thành', 'Trang', 'Trung', 'Tuấn', 'Tùng', 'Vân', 'Việt', 'Vy', 'Yến',
];
const PLACE_SYLLABLES = [
  'An', 'Bình', 'Cẩm', 'Diễn', 'Đông', 'Đồng', 'Hòa', 'Hưng', 'Hợp', 'Hương', 'Kim', 'Lạc', 'Liên', 'Long', 'Minh', 'Mỹ',
  'Nam', 'Nghĩa', 'Ngọc', 'Phú', 'Phúc', 'Quang', 'Quỳnh', 'Sơn', 'Tam', 'Tân', 'Thái', 'Thanh', 'Thành', 'Thịnh', 'Thuận',
  'Tiến', 'Trung', 'Trường', 'Vân', 'Vĩnh', 'Xuân', 'Yên',
];

const FAMILY_BOUNDS = FAMILY_WEIGHTS.reduce<number[]>((bounds, weight) => [...bounds, (bounds.at(-1) ?? 0) + weight], []);

export function personName(random: Random): string {
  // Family names by how common they are: about four in ten Vietnamese are Nguyễn.
  const roll = random.next() * FAMILY_BOUNDS[FAMILY_BOUNDS.length - 1];
  const family = FAMILY[FAMILY_BOUNDS.findIndex((bound) => roll < bound)];
  return `${family} ${random.pick(MIDDLE)} ${random.pick(GIVEN)}`;
}

/** A two-syllable place name (Tam Quang, Diễn Hồng…), distinct within one `taken` set. */
export function placeName(random: Random, taken: Set<string>): string {
  for (let attempt = 0; ; attempt += 1) {
    const name = `${random.pick(PLACE_SYLLABLES)} ${random.pick(PLACE_SYLLABLES)}`;
    const candidate = attempt < 20 ? name : `${name} ${attempt}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

export const COMMUNE_KINDS = ['Xã', 'Xã', 'Xã', 'Phường'] as const;
export const VILLAGE_KINDS = ['Thôn', 'Xóm', 'Bản', 'Tổ dân phố', 'Ấp'] as const;
