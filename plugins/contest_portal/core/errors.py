"""Problems found in contest data: one dataclass and the table of stable codes.

Every problem the tool reports is data: a stable code, a severity, where it is
and the values that fill the code's message and hint.  The texts live in the
``CODES`` table below (Vietnamese and English), so the documentation page that
lists every code is generated from the same table and cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CodeInfo:
    """The fixed description of one problem code."""

    code: str
    severity: Severity
    message: dict[str, str]
    hint: dict[str, str]


def _code(code: str, severity: Severity, vi: str, en: str, hint_vi: str, hint_en: str) -> CodeInfo:
    return CodeInfo(code, severity, {"vi": vi, "en": en}, {"vi": hint_vi, "en": hint_en})


E, W = Severity.ERROR, Severity.WARNING

CODES: dict[str, CodeInfo] = {
    c.code: c
    for c in [
        # --- YAML reading -------------------------------------------------
        _code("YAML001", E,
              "Lỗi cú pháp YAML: {detail}",
              "YAML syntax error: {detail}",
              "Kiểm tra thụt lề (dùng dấu cách, không dùng Tab), dấu hai chấm sau tên trường và dấu ngoặc kép đóng mở.",
              "Check the indentation (spaces, not tabs), the colon after each key and matching quotes."),
        _code("YAML002", E,
              "Trường '{key}' xuất hiện hai lần (lần đầu ở dòng {first_line})",
              "Key '{key}' appears twice (first at line {first_line})",
              "Xóa một trong hai dòng; YAML sẽ âm thầm giữ giá trị sau cùng nếu không báo lỗi.",
              "Remove one of the two lines; YAML would silently keep the last value."),
        _code("YAML003", E,
              "Tệp không phải văn bản UTF-8 ({detail})",
              "The file is not UTF-8 text ({detail})",
              "Tệp có thể đang ở bảng mã cũ (Windows-1258, TCVN3, VNI). Mở bằng trình soạn thảo (VS Code, Notepad++) và lưu lại với mã hóa UTF-8.",
              "The file may be in a legacy encoding (Windows-1258, TCVN3, VNI). Open it in an editor (VS Code, Notepad++) and save it as UTF-8."),
        _code("YAML004", E,
              "Nội dung tệp phải là một danh sách trường dạng 'tên: giá trị'",
              "The file must hold a mapping of 'key: value' fields",
              "Xem tệp mẫu trong thư mục entries/ để biết cấu trúc đúng.",
              "See the sample files under entries/ for the expected structure."),
        _code("YAML005", E,
              "Không đọc được tệp: {detail}",
              "Cannot read the file: {detail}",
              "Kiểm tra tệp còn tồn tại và có quyền đọc.",
              "Check that the file exists and is readable."),
        _code("YAML006", E,
              "Không đọc được giá trị '{raw}': {detail}",
              "Cannot read the value '{raw}': {detail}",
              "Kiểm tra giá trị (ví dụ ngày 2024-02-30 không tồn tại); nếu đó là văn bản, đặt trong ngoặc kép.",
              "Check the value (e.g. 2024-02-30 does not exist); if it is text, put it in quotes."),
        # --- schema -----------------------------------------------------------
        _code("SCH001", E,
              "Thiếu trường bắt buộc '{field}'",
              "Missing required field '{field}'",
              "Thêm dòng '{key}: ...' vào tệp.",
              "Add a line '{key}: ...' to the file."),
        _code("SCH002", E,
              "Trường không hợp lệ '{field}'{suggestion_vi}",
              "Unknown field '{field}'{suggestion_en}",
              "Sửa lại tên trường hoặc xóa dòng này; danh sách trường hợp lệ có trong schemas/.",
              "Fix the key name or remove the line; the valid fields are listed in schemas/."),
        _code("SCH003", E,
              "Giá trị của '{field}' sai kiểu: {detail_vi}",
              "Wrong type for '{field}': {detail_en}",
              "{fix_vi}",
              "{fix_en}"),
        _code("SCH004", E,
              "Giá trị của '{field}' không hợp lệ: {detail_vi}",
              "Invalid value for '{field}': {detail_en}",
              "Sửa giá trị theo hướng dẫn trong tài liệu định dạng.",
              "Correct the value as described in the format documentation."),
        _code("SCH005", E,
              "Trường '{field}' chứa thông tin cá nhân, không được đặt trong {file_name}",
              "Field '{field}' holds personal data and must not be in {file_name}",
              "Chuyển thông tin liên hệ (điện thoại, địa chỉ, e-mail, số định danh) sang tệp private.yml cùng thư mục; tệp này không bao giờ được đăng lên cổng.",
              "Move contact data (phone, address, e-mail, ID number) to private.yml in the same folder; that file is never published."),
        _code("SCH006", E,
              "Trường '{field}' đang để trống",
              "Field '{field}' is empty",
              "Điền giá trị sau dấu hai chấm, hoặc xóa cả dòng nếu không dùng trường này.",
              "Write a value after the colon, or remove the whole line if the field is not used."),
        # --- contest folder structure -----------------------------------------
        _code("CON001", E,
              "Thư mục cuộc thi '{folder}' không có tệp contest.yml",
              "Contest folder '{folder}' has no contest.yml",
              "Tạo tệp contest.yml (xem mẫu trong entries/) hoặc chuyển thư mục này ra khỏi entries/.",
              "Create contest.yml (see the samples under entries/) or move this folder out of entries/."),
        _code("CON002", E,
              "Không tìm thấy thư mục dữ liệu '{folder}'",
              "Data folder '{folder}' not found",
              "Kiểm tra tùy chọn entries_dir trong mkdocs.yml.",
              "Check the entries_dir option in mkdocs.yml."),
        _code("CON003", E,
              "Mốc thời gian '{kind}': thời điểm kết thúc ({end}) trước thời điểm bắt đầu ({start})",
              "Milestone '{kind}': the end ({end}) is before the start ({start})",
              "Kiểm tra lại ngày tháng (định dạng NĂM-THÁNG-NGÀY, ví dụ 2024-09-30 17:00).",
              "Check the dates (YEAR-MONTH-DAY, e.g. 2024-09-30 17:00)."),
        _code("CON004", E,
              "Mã đơn vị '{unit}' bị trùng",
              "Unit id '{unit}' is used twice",
              "Mỗi đơn vị trong danh sách units phải có mã (id) riêng.",
              "Every unit in the units list needs its own id."),
        _code("CON005", E,
              "Đơn vị '{unit}' thuộc nhóm '{category}' không có trong unit_categories",
              "Unit '{unit}' has category '{category}', which is not in unit_categories",
              "Thêm nhóm này vào unit_categories hoặc sửa lại tên nhóm.",
              "Add the category to unit_categories or fix its name."),
        _code("CON007", E,
              "'{what}': mức tối thiểu ({min}) lớn hơn mức tối đa ({max})",
              "'{what}': the minimum ({min}) is above the maximum ({max})",
              "Sửa lại để mức tối thiểu không vượt mức tối đa.",
              "Fix the values so that the minimum does not exceed the maximum."),
        _code("CON008", E,
              "Có hơn một mốc nhận tác phẩm (kind: submission)",
              "More than one submission milestone (kind: submission)",
              "Chỉ giữ một mốc submission với start và end; các đợt khác ghi bằng kind: other.",
              "Keep one submission milestone with start and end; describe other rounds with kind: other."),
        _code("CON009", W,
              "Năm {year} khác năm trong tên thư mục '{folder}'",
              "Year {year} differs from the year in the folder name '{folder}'",
              "Kiểm tra lại trường year hoặc đổi tên thư mục cho khớp.",
              "Check the year field or rename the folder to match."),
        _code("CON010", E,
              "Mốc thời gian vừa có 'date' vừa có 'start'/'end'",
              "A milestone has both 'date' and 'start'/'end'",
              "Dùng 'date' cho một thời điểm, hoặc 'start' và 'end' cho một khoảng thời gian.",
              "Use 'date' for a point in time, or 'start' and 'end' for a period."),
        _code("CON011", E,
              "Hai thành viên Ban Giám khảo cùng mã '{id}'",
              "Two jury members share the id '{id}'",
              "Đặt mã riêng (trường id) cho từng giám khảo; mã là tên tệp phiếu chấm của họ.",
              "Give each judge their own id (the id field); it names their score sheet."),
        _code("CON012", E,
              "Quy tắc phân định '{rule}' không hợp lệ (dùng: {allowed})",
              "Unknown tie-break '{rule}' (use: {allowed})",
              "Sửa judging.tie_breaks theo mã tiêu chí trong judging.criteria.",
              "Fix judging.tie_breaks using the criterion ids of judging.criteria."),
        _code("CON006", E,
              "Tên thư mục '{folder}' không dùng được làm địa chỉ trang",
              "Folder name '{folder}' cannot be used in the portal's addresses",
              "Đổi tên thư mục: chỉ chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ 'vl-07' hoặc '2024-vinh-linh'); không dùng các tên dành riêng: {reserved}.",
              "Rename the folder: lowercase ASCII letters, digits and hyphens only (e.g. 'vl-07' or '2024-vinh-linh'); not one of the reserved names: {reserved}."),
        # --- entries ----------------------------------------------------------
        _code("ENT001", E,
              "Thư mục '{folder}' không có tệp entry.yml",
              "Folder '{folder}' has no entry.yml",
              "Mỗi tác phẩm dự thi là một thư mục chứa entry.yml và các tệp của tác phẩm.",
              "Each entry is a folder holding entry.yml and the entry's files."),
        _code("ENT002", E,
              "Mã tác phẩm '{entry_id}' bị trùng với thư mục '{other}'",
              "Entry id '{entry_id}' is also used by folder '{other}'",
              "Đặt mã (id) khác cho một trong hai tác phẩm.",
              "Give one of the two entries another id."),
        _code("ENT003", E,
              "Mã tác phẩm '{entry_id}' khác tên thư mục '{folder}'",
              "Entry id '{entry_id}' differs from its folder name '{folder}'",
              "Xóa dòng id (mã sẽ lấy theo tên thư mục) hoặc đổi tên thư mục cho khớp.",
              "Remove the id line (the folder name is used) or rename the folder to match."),
        _code("ENT004", E,
              "Đơn vị '{unit}' không có trong danh sách đơn vị của cuộc thi{suggestion_vi}",
              "Unit '{unit}' is not in the contest's list of units{suggestion_en}",
              "Dùng mã (id) của một đơn vị trong mục units của contest.yml.",
              "Use the id of a unit listed under units in contest.yml."),
        _code("ENT005", E,
              "Loại tác phẩm '{kind}' không được cuộc thi chấp nhận (chấp nhận: {allowed})",
              "Entry kind '{kind}' is not accepted by this contest (accepted: {allowed})",
              "Sửa trường kind hoặc bổ sung loại này vào entry_kinds của contest.yml.",
              "Fix the kind field or add this kind to entry_kinds in contest.yml."),
        _code("ENT006", E,
              "Tác phẩm dạng video nhưng chưa khai báo tệp video",
              "A video entry with no video file",
              "Thêm dòng 'video: ten-tep.mp4' (tệp đặt trong thư mục tác phẩm) hoặc đường dẫn YouTube/Facebook ở mục links.",
              "Add 'video: file-name.mp4' (the file inside the entry folder) or a YouTube/Facebook link under links."),
        # --- files ------------------------------------------------------------
        _code("FIL001", E,
              "Không tìm thấy tệp '{path}'",
              "File '{path}' not found",
              "Kiểm tra tên tệp (phân biệt chữ hoa, chữ thường) và đặt tệp trong thư mục của tác phẩm.",
              "Check the file name (case matters) and put the file in the entry's folder."),
        _code("FIL002", E,
              "Đường dẫn '{path}' nằm ngoài thư mục tác phẩm",
              "Path '{path}' points outside the entry folder",
              "Chép tệp vào thư mục của tác phẩm và chỉ ghi tên tệp (không dùng '..', đường dẫn tuyệt đối hay liên kết).",
              "Copy the file into the entry folder and give just its name (no '..', absolute paths or links)."),
        _code("FIL003", E,
              "Tệp '{path}' là tệp riêng tư, không thể đăng lên cổng",
              "File '{path}' is private and cannot be published",
              "Chỉ tham chiếu tới tệp video, ảnh, phụ đề hoặc bài viết.",
              "Refer only to video, image, subtitle or article files."),
        _code("FIL004", E,
              "Tệp '{path}' không đúng loại cho trường này (chấp nhận: {allowed})",
              "File '{path}' is not of an accepted type for this field (accepted: {allowed})",
              "Chuyển tệp sang một định dạng được chấp nhận; tệp .html, .svg, .js không bao giờ được đăng.",
              "Convert the file to an accepted format; .html, .svg and .js files are never published."),
        # --- media ------------------------------------------------------------
        _code("VID001", E,
              "Không đọc được tệp video '{path}': {detail}",
              "Cannot read the video file '{path}': {detail}",
              "Kiểm tra quyền đọc tệp; mở thử bằng trình phát video, nếu hỏng thì đề nghị tác giả gửi lại.",
              "Check the file can be read; try it in a video player and ask for a new copy if it is damaged."),
        _code("VID002", E,
              "Tệp video '{path}' rỗng (0 byte)",
              "The video file '{path}' is empty (0 bytes)",
              "Tệp bị lỗi khi sao chép hoặc tải về; chép lại từ bản gốc.",
              "The file was damaged while copying or downloading; copy it again from the original."),
        _code("VID003", E,
              "Tệp '{path}' không phải là video (nhận dạng được: {kind_vi})",
              "'{path}' is not a video (it looks like: {kind_en})",
              "Đề nghị tác giả gửi đúng tệp video (.mp4); đổi đuôi tên tệp không biến tệp thành video.",
              "Ask the author for the actual video file (.mp4); renaming a file does not make it a video."),
        _code("VID004", E,
              "Tệp video '{path}' bị cắt cụt hoặc hỏng",
              "The video file '{path}' is truncated or damaged",
              "Tệp chưa được chép hoặc tải về trọn vẹn; chép lại hoặc đề nghị tác giả gửi lại.",
              "The file was not copied or downloaded completely; copy it again or ask the author to resend it."),
        _code("VID005", E,
              "Video '{path}' có định dạng {container}, cuộc thi yêu cầu {allowed}",
              "Video '{path}' is {container}; the contest requires {allowed}",
              "Chuyển định dạng sang MP4, ví dụ: ffmpeg -i tep-goc -c:v libx264 -c:a aac -movflags +faststart video.mp4",
              "Convert it to MP4, e.g.: ffmpeg -i original -c:v libx264 -c:a aac -movflags +faststart video.mp4"),
        _code("VID006", W,
              "Video '{path}' nén bằng {codec}: nhiều trình duyệt không phát được",
              "Video '{path}' is encoded with {codec}: many browsers cannot play it",
              "Chuyển sang H.264 để cổng phát được: ffmpeg -i video.mp4 -c:v libx264 -c:a aac -movflags +faststart video-h264.mp4",
              "Convert to H.264 so the portal can play it: ffmpeg -i video.mp4 -c:v libx264 -c:a aac -movflags +faststart video-h264.mp4"),
        _code("VID007", E,
              "Video '{path}' nén bằng {codec}, cuộc thi chỉ chấp nhận {allowed}",
              "Video '{path}' is encoded with {codec}; the contest accepts only {allowed}",
              "Chuyển sang chuẩn được chấp nhận, ví dụ: ffmpeg -i video.mp4 -c:v libx264 -c:a aac video-h264.mp4",
              "Convert to an accepted codec, e.g.: ffmpeg -i video.mp4 -c:v libx264 -c:a aac video-h264.mp4"),
        _code("VID008", E,
              "Video '{path}' dài {duration}, ngắn hơn mức tối thiểu {limit}",
              "Video '{path}' lasts {duration}, shorter than the minimum {limit}",
              "Tác phẩm không đáp ứng thể lệ về thời lượng; báo để tác giả bổ sung hoặc Ban Tổ chức quyết định.",
              "The entry breaks the duration rule; tell the author or let the organizers decide."),
        _code("VID009", E,
              "Video '{path}' dài {duration}, vượt mức tối đa {limit}",
              "Video '{path}' lasts {duration}, longer than the maximum {limit}",
              "Tác phẩm không đáp ứng thể lệ về thời lượng; đề nghị tác giả rút ngắn.",
              "The entry breaks the duration rule; ask the author to shorten it."),
        _code("VID010", E,
              "Video '{path}' có độ phân giải {width}x{height} (khung hình {shape_vi}), cuộc thi yêu cầu {allowed}",
              "Video '{path}' is {width}x{height} ({shape_en}); the contest requires {allowed}",
              "Đề nghị tác giả xuất lại video ở một trong các độ phân giải được chấp nhận.",
              "Ask the author to export the video again at one of the accepted resolutions."),
        _code("VID011", E,
              "Video '{path}' có khung hình {shape_vi} ({width}x{height}), cuộc thi yêu cầu tỉ lệ {expected}",
              "Video '{path}' has a {shape_en} frame ({width}x{height}); the contest requires {expected}",
              "Video quay dọc hoặc tỉ lệ 4:3 cần được dựng lại theo khung ngang đúng tỉ lệ.",
              "Portrait or 4:3 footage must be edited into a landscape frame of the required ratio."),
        _code("VID012", W,
              "Video '{path}' có tốc độ khung hình bất thường: {fps} hình/giây",
              "Video '{path}' has an unusual frame rate: {fps} fps",
              "Video thông thường có 24–60 hình/giây; kiểm tra lại tệp hoặc xuất lại video.",
              "Ordinary videos have 24–60 fps; check the file or export it again."),
        _code("VID013", W,
              "Video '{path}' không có tiếng",
              "Video '{path}' has no audio track",
              "Nếu tác phẩm cần có tiếng (lời dẫn, nhạc), đề nghị tác giả gửi lại bản có âm thanh.",
              "If the entry should have sound (narration, music), ask the author for a version with audio."),
        _code("VID014", E,
              "Tệp video '{path}' nặng {size}, vượt mức tối đa {max}",
              "The video file '{path}' is {size}, over the maximum of {max}",
              "Đề nghị tác giả nén lại video hoặc Ban Tổ chức nâng mức dung lượng tối đa.",
              "Ask the author to compress the video, or raise the size limit."),
        _code("VID015", W,
              "Video '{path}' chưa tối ưu để xem trên web (phần chỉ mục 'moov' nằm cuối tệp)",
              "Video '{path}' is not web-optimized (its 'moov' index is at the end of the file)",
              "Người xem phải tải hết tệp mới xem được. Sửa nhanh, không mất chất lượng: ffmpeg -i video.mp4 -c copy -movflags +faststart video-web.mp4",
              "Viewers must download the whole file before it plays. Lossless fix: ffmpeg -i video.mp4 -c copy -movflags +faststart video-web.mp4"),
        _code("VID016", W,
              "Không tạo được ảnh đại diện từ video '{path}' ({detail}); trang dùng ảnh thay thế",
              "Could not make a poster frame from the video '{path}' ({detail}); the page shows a placeholder",
              "Thêm ảnh đại diện riêng cho tác phẩm: 'poster: anh.jpg' trong entry.yml.",
              "Give the entry its own poster: 'poster: image.jpg' in entry.yml."),
        _code("VID017", E,
              "Tệp '{path}' ghi thời lượng {hours} giờ: phần đầu tệp bị hỏng hoặc bị sửa",
              "'{path}' claims to last {hours} hours: its header is damaged or forged",
              "Đề nghị tác giả xuất lại video từ phần mềm dựng phim và gửi lại.",
              "Ask the author to export the video again from the editing software and resend it."),
        _code("VID018", E,
              "Video '{path}' có kích thước bất thường {width}x{height}",
              "Video '{path}' has an implausible size of {width}x{height}",
              "Đề nghị tác giả xuất lại video ở độ phân giải thông thường (ví dụ 1920x1080).",
              "Ask the author to export the video again at an ordinary resolution (e.g. 1920x1080)."),
        _code("VID019", W,
              "Tệp '{path}' nặng {size}, vượt giới hạn {limit} của nơi lưu trữ cổng",
              "'{path}' is {size}, over the {limit} limit of the web host",
              "Nén lại video, hoặc đặt video ở nơi lưu trữ khác (tùy chọn video_base_url) hay dùng đường dẫn YouTube.",
              "Compress the video, or host videos elsewhere (the video_base_url option) or link to YouTube."),
        # --- contest rules ----------------------------------------------------
        _code("ELG001", E,
              "Tác giả '{name}' là thành viên {role_vi} nên không được dự thi",
              "Author '{name}' is a member of the {role_en} and may not enter",
              "Theo thể lệ, thành viên {role_vi} không được dự thi; liên hệ tác giả hoặc loại tác phẩm.",
              "The rules exclude members of the {role_en}; contact the author or withdraw the entry."),
        _code("ENT007", E,
              "Cuộc thi yêu cầu bản thuyết minh kèm video nhưng tác phẩm chưa có",
              "The contest requires an explanatory text with the video, and this entry has none",
              "Thêm dòng 'explanatory_text: ten-tep' và đặt tệp thuyết minh trong thư mục tác phẩm.",
              "Add 'explanatory_text: file-name' and put the text file in the entry folder."),
        _code("QUO001", E,
              "'{entrant}' đã gửi {count} tác phẩm, vượt mức tối đa {max} ({others})",
              "'{entrant}' submitted {count} entries, more than the maximum of {max} ({others})",
              "Đề nghị tác giả chọn tác phẩm dự thi; các tác phẩm vượt mức (gửi sau) bị đánh dấu lỗi.",
              "Ask the author which entries to keep; the entries over the limit (sent last) are marked."),
        _code("QUO004", W,
              "'{entrant}' có {count} tác phẩm ở nhiều đơn vị, vượt mức tối đa {max} nếu là cùng một người ({others})",
              "'{entrant}' has {count} entries in several units, over the maximum of {max} if this is one person ({others})",
              "Kiểm tra xem đây là một người hay nhiều người trùng tên; nếu là một người, đề nghị chọn tác phẩm dự thi.",
              "Check whether this is one person or namesakes; if one person, ask which entries to keep."),
        _code("QUO002", E,
              "Đơn vị '{unit}' đã có {count} tác phẩm, vượt mức tối đa {max} của nhóm '{category}'",
              "Unit '{unit}' has {count} entries, more than the maximum of {max} for '{category}'",
              "Đề nghị đơn vị chọn tác phẩm dự thi; tác phẩm gửi sau cùng bị đánh dấu lỗi.",
              "Ask the unit which entries to keep; the entries sent last are marked."),
        _code("QUO003", W,
              "Đơn vị '{unit}' mới có {count} tác phẩm, chưa đạt mức tối thiểu {min}",
              "Unit '{unit}' has {count} entries, fewer than the minimum of {min}",
              "Nhắc đơn vị gửi tác phẩm trước hạn chót; xem báo cáo tham gia theo đơn vị.",
              "Remind the unit to submit before the deadline; see the participation report."),
        _code("TIM001", E,
              "Tác phẩm nhận lúc {received}, sau hạn chót {deadline}",
              "Entry received at {received}, after the deadline {deadline}",
              "Theo thể lệ, tác phẩm nộp muộn không được chấp nhận. Kiểm tra lại thời điểm nhận (received).",
              "The rules reject late entries. Check the received time."),
        _code("TIM002", W,
              "Tác phẩm nhận lúc {received}, sau hạn chót {deadline}",
              "Entry received at {received}, after the deadline {deadline}",
              "Ban Tổ chức quyết định có chấp nhận tác phẩm nộp muộn hay không.",
              "The organizers decide whether to accept the late entry."),
        _code("TIM003", W,
              "Tác phẩm nhận lúc {received}, trước thời điểm bắt đầu nhận {start}",
              "Entry received at {received}, before submissions opened at {start}",
              "Kiểm tra lại thời điểm nhận (received) hoặc mốc bắt đầu nhận tác phẩm.",
              "Check the received time or the start of the submission window."),
        _code("PRV001", W,
              "Chưa có xác nhận đồng ý công bố: tác phẩm được kiểm tra, chấm thi nhưng không được đăng lên cổng",
              "No consent to publication: the entry is checked and judged but not published",
              "Khi tác giả đồng ý công bố (họ tên, hình ảnh), thêm 'consent: {{publication: true, date: NĂM-THÁNG-NGÀY}}'.",
              "Once the authors agree to publication (names, images), add 'consent: {{publication: true, date: YYYY-MM-DD}}'."),
        _code("PRV002", W,
              "Có người chưa thành niên nhưng chưa có đồng ý của cha, mẹ hoặc người giám hộ: tác phẩm không được đăng",
              "A minor takes part but no parent or guardian has agreed: the entry is not published",
              "Khi có văn bản đồng ý của người giám hộ, thêm 'guardian: true' vào mục consent.",
              "Once a guardian has agreed in writing, add 'guardian: true' under consent."),
        _code("DUP001", E,
              "Video '{path}' trùng nội dung với video của tác phẩm '{other}' ({other_contest})",
              "Video '{path}' has the same content as the video of entry '{other}' ({other_contest})",
              "Một video chỉ được dự thi một lần; kiểm tra xem tác phẩm có bị gửi trùng hoặc đã dự thi năm trước.",
              "A video may enter only once; check for a double submission or an entry from an earlier year."),
        # --- judging and results ---------------------------------------------
        _code("JUR001", E,
              "Phiếu chấm '{judge}' không khớp với thành viên Ban Giám khảo nào (mã hợp lệ: {known})",
              "Score sheet '{judge}' matches no jury member (valid ids: {known})",
              "Đặt tên tệp theo mã giám khảo (trường id, hoặc họ tên không dấu nối bằng gạch ngang) trong contest.yml.",
              "Name the file after the judge's id (the id field, or the name without diacritics joined by hyphens)."),
        _code("JUR002", E,
              "Không có tác phẩm mã '{entry}'",
              "There is no entry with id '{entry}'",
              "Kiểm tra mã tác phẩm (cột Mã tác phẩm) theo đúng tên thư mục tác phẩm.",
              "Check the entry id (the entry's folder name)."),
        _code("JUR003", E,
              "Tác phẩm '{entry}', tiêu chí '{criterion}': điểm {value} ngoài khoảng 0–{max}",
              "Entry '{entry}', criterion '{criterion}': score {value} is outside 0–{max}",
              "Sửa điểm trong phiếu chấm cho đúng thang điểm.",
              "Correct the score on the sheet to fit the scale."),
        _code("JUR004", E,
              "Tác phẩm '{entry}' chưa có điểm tiêu chí '{criterion}'",
              "Entry '{entry}' has no score for criterion '{criterion}'",
              "Đề nghị giám khảo chấm đủ mọi tiêu chí cho mọi tác phẩm ('*' nghĩa là tác phẩm không có trong phiếu).",
              "Ask the judge to score every criterion of every entry ('*' means the entry is missing from the sheet)."),
        _code("JUR005", E,
              "Tác phẩm '{entry}' được chấm hai lần trong cùng phiếu (lần đầu ở dòng {first})",
              "Entry '{entry}' is scored twice on the same sheet (first at row {first})",
              "Xóa dòng trùng, giữ lại một dòng điểm.",
              "Remove the duplicate row, keep one."),
        _code("JUR006", W,
              "Giám khảo {judge} chấm tác phẩm '{entry}' của chính đơn vị mình ({unit}): điểm này không được tính",
              "Judge {judge} scored entry '{entry}' from their own unit ({unit}): the score is not counted",
              "Không cần làm gì thêm; điểm trung bình tính trên các giám khảo còn lại.",
              "Nothing to do; the mean uses the other judges."),
        _code("JUR007", E,
              "Không đọc được phiếu chấm: {detail}",
              "Cannot read the score sheet: {detail}",
              "Dùng phiếu do lệnh 'python build.py jury-sheets' tạo ra; giữ nguyên dòng tiêu đề.",
              "Use the sheet made by 'python build.py jury-sheets'; keep its header row."),
        _code("JUR008", E,
              "Chưa có phiếu chấm của giám khảo {judge}",
              "No score sheet from judge {judge} yet",
              "Đặt phiếu đã chấm vào thư mục _ket-qua/diem/ với tên {id}.xlsx (hoặc {id}.csv).",
              "Put the filled sheet in _ket-qua/diem/ named {id}.xlsx (or {id}.csv)."),
        _code("JUR009", W,
              "Tác phẩm '{entry}' có lỗi nên không được chấm; dòng điểm này bị bỏ qua",
              "Entry '{entry}' has errors and is not judged; this score row is ignored",
              "Sửa lỗi của tác phẩm (xem báo cáo kiểm tra) nếu tác phẩm cần được chấm.",
              "Fix the entry's errors (see the validation report) if it should be judged."),
        _code("JUR010", E,
              "Tác phẩm '{entry}', tiêu chí '{criterion}': '{value}' không phải là số",
              "Entry '{entry}', criterion '{criterion}': '{value}' is not a number",
              "Chỉ ghi số điểm (ví dụ 8 hoặc 8,5); nếu là công thức, mở tệp bằng Excel và lưu lại để có giá trị.",
              "Write only the score (e.g. 8 or 8.5); for a formula, open the file in Excel and save it so it has a value."),
        _code("JUR011", E,
              "Dòng có nhiều ô hơn dòng tiêu đề (có thể do dấu phẩy thập phân trong tệp CSV)",
              "The row has more cells than the header (perhaps a decimal comma in a CSV file)",
              "Dùng dấu chấm thập phân (8.5) trong tệp CSV, hoặc dùng tệp XLSX.",
              "Use a decimal point (8.5) in CSV files, or use the XLSX sheet."),
        _code("RES001", E,
              "{tier}: các tác phẩm {entries} bằng điểm ở ranh giới giải, quy tắc phân định không tách được",
              "{tier}: entries {entries} tie at the prize boundary and the tie-breaks cannot separate them",
              "Ban Tổ chức quyết định và ghi vào results.decision.winners của contest.yml.",
              "The organizers decide and record it under results.decision.winners in contest.yml."),
        _code("RES002", W,
              "{tier}: quyết định ghi {decided}, kết quả tính được là {computed}",
              "{tier}: the decision names {decided}; the computed result is {computed}",
              "Quyết định của Ban Tổ chức là cuối cùng và được công bố; kiểm tra lại nếu đây là sai sót.",
              "The committee's decision is final and is published; check it in case this is a mistake."),
        _code("RES003", E,
              "Không đọc được tệp kết quả: {detail}",
              "Cannot read the results file: {detail}",
              "Kiểm tra các cột (mã tác phẩm, số bình chọn; hoặc họ tên, số câu đúng, thời gian) và kiểu số.",
              "Check the columns (entry id, votes; or name, correct answers, time) and that numbers are numbers."),
        _code("RES004", E,
              "Quyết định ghi giải '{tier}' không có trong cơ cấu giải",
              "The decision names prize '{tier}', which is not among the prize tiers",
              "Dùng mã giải (id) trong mục prizes.tiers.",
              "Use a prize id from prizes.tiers."),
        _code("RES005", E,
              "Tác phẩm '{entry}' đạt {tier} nhưng chưa có xác nhận đồng ý công bố",
              "Entry '{entry}' wins {tier} but has no consent to publication",
              "Lấy xác nhận đồng ý của tác giả (consent: {{publication: true}}) trước khi công bố kết quả.",
              "Obtain the authors' consent (consent: {{publication: true}}) before publishing the results."),
        _code("RES006", W,
              "{tier}: mới có {found}/{count} giải được xác định — {reason_vi}",
              "{tier}: {found} of {count} prizes determined — {reason_en}",
              "Bổ sung dữ liệu còn thiếu, hoặc ghi kết quả theo quyết định (results.decision.winners).",
              "Add the missing data, or record the decision (results.decision.winners)."),
        _code("RES007", E,
              "Quyết định ghi {named} người/tác phẩm cho {tier}, cơ cấu giải chỉ có {count}",
              "The decision names {named} winners for {tier}; the prize structure has {count}",
              "Kiểm tra lại quyết định hoặc số lượng giải (count) trong prizes.tiers.",
              "Check the decision or the tier's count in prizes.tiers."),
        _code("RES008", E,
              "Quyết định trao giải cho tác phẩm '{entry}' đang có lỗi",
              "The decision awards entry '{entry}', which has errors",
              "Sửa lỗi của tác phẩm hoặc kiểm tra lại quyết định.",
              "Fix the entry's errors or check the decision."),
        _code("RES009", E,
              "Tác phẩm '{entry}' được ghi hai giải ({first}, {second}) trong khi mỗi tác phẩm chỉ nhận một giải",
              "Entry '{entry}' is named for two prizes ({first}, {second}) but one prize per entry is the rule",
              "Kiểm tra quyết định, hoặc đặt prizes.one_prize_per_entry: false nếu thể lệ cho phép.",
              "Check the decision, or set prizes.one_prize_per_entry: false if the rules allow it."),
        _code("RES010", W,
              "'{name}' có nhiều lần thi (lần đầu ở dòng {first}); chỉ tính lần đầu",
              "'{name}' took the quiz more than once (first at row {first}); only the first counts",
              "Kiểm tra lại tệp trắc nghiệm nếu đây là hai người trùng tên cùng đơn vị.",
              "Check the quiz file if these are two people with the same name and unit."),
        # --- organizer workflow ------------------------------------------------
        _code("REG001", E,
              "Không đọc được sổ đăng ký: {detail}",
              "Cannot read the register: {detail}",
              "Dùng tệp XLSX hoặc CSV có dòng tiêu đề gồm ít nhất: Tên tác phẩm, Họ và tên, Đơn vị.",
              "Use an XLSX or CSV file whose header has at least: Tên tác phẩm, Họ và tên, Đơn vị."),
        _code("REG002", E,
              "Dòng {row} thiếu tên tác phẩm hoặc họ tên tác giả",
              "Row {row} has no title or no author name",
              "Bổ sung vào sổ đăng ký rồi nhập lại; các dòng khác vẫn được nhập.",
              "Fill it in the register and import again; the other rows are imported."),
        _code("REG003", E,
              "Đơn vị '{unit}' không có trong danh sách đơn vị của cuộc thi",
              "Unit '{unit}' is not in the contest's list of units",
              "Ghi đúng tên đơn vị như trong contest.yml (mục units) hoặc bổ sung đơn vị vào danh sách.",
              "Write the unit's name as in contest.yml (units) or add the unit to the list."),
        _code("REG004", E,
              "Tác phẩm '{entry}' xuất hiện hai lần trong sổ (lần đầu ở dòng {first})",
              "Entry '{entry}' appears twice in the register (first at row {first})",
              "Xóa dòng trùng, hoặc ghi mã tác phẩm (cột Mã) khác nhau nếu là hai tác phẩm cùng tên.",
              "Remove the duplicate row, or give different ids (column Mã) to two entries with the same title."),
        _code("INT001", W,
              "Tệp '{path}' chưa khớp với tác phẩm nào trong sổ đăng ký",
              "File '{path}' matches no entry of the register",
              "Ghi tên tệp vào cột Tệp video của sổ đăng ký (hoặc đổi tên tệp theo tên tác phẩm) rồi chạy lại.",
              "Write the file name in the register's video column (or rename the file after the title) and run again."),
        _code("INT002", E,
              "Tác phẩm '{entry}' đã có tệp '{name}' khác với tệp nhận được '{path}'",
              "Entry '{entry}' already has a different '{name}' than the received '{path}'",
              "Không ghi đè: kiểm tra tệp nào đúng, xóa hoặc đổi tên tệp cũ bằng tay rồi chạy lại.",
              "Not overwritten: check which file is right, remove or rename the old one by hand, run again."),
        # --- site -------------------------------------------------------------
        _code("SIT001", E,
              "Trang '{path}' do công cụ tạo ra trùng với một tệp trong site_src/",
              "Generated page '{path}' collides with a file in site_src/",
              "Đổi tên hoặc xóa tệp trùng trong site_src/.",
              "Rename or remove the colliding file in site_src/."),
        _code("SIT002", E,
              "Trang '{page}' có đoạn mã JavaScript lạ: {script}",
              "Page '{page}' holds an unexpected inline script: {script}",
              "Không chèn <script> vào các trang viết tay; chính sách bảo mật (CSP) chỉ cho phép mã của giao diện.",
              "Do not put <script> in hand-written pages; the security policy (CSP) allows only the theme's scripts."),
        _code("SIT003", E,
              "Mẫu trang '{template}' có lỗi: {detail}",
              "Page template '{template}' has an error: {detail}",
              "Sửa mẫu ở dòng được chỉ ra (thư mục templates_dir trong mkdocs.yml), hoặc xóa tệp đó để dùng mẫu gốc; các mẫu gốc nằm trong plugins/contest_portal/templates/.",
              "Fix the template at the line shown (the templates_dir folder of mkdocs.yml), or delete that file to use the original; the originals are in plugins/contest_portal/templates/."),
        _code("NEW001", E,
              "Bản tin '{file}' không có phần đầu (front matter) giữa hai dòng ---",
              "News post '{file}' has no front matter between two --- lines",
              "Bắt đầu tệp bằng:\n---\ntitle: Tên bản tin\ndate: 2024-08-24\n---\nrồi viết nội dung bên dưới.",
              "Start the file with:\n---\ntitle: Post title\ndate: 2024-08-24\n---\nthen write the text below."),
        _code("NEW002", E,
              "Bản tin '{file}': {field}{written} {detail_vi}",
              "News post '{file}': {field}{written} {detail_en}",
              "Mỗi bản tin cần 'title' (tên) và 'date' (ngày đăng, dạng 2024-08-24 hoặc \"2024-08-24 08:00\").",
              "Each post needs 'title' and 'date' (the publication date, 2024-08-24 or \"2024-08-24 08:00\")."),
        _code("NEW003", E,
              "Bản tin '{file}' có cùng địa chỉ '{slug}' với {other}",
              "News post '{file}' has the same address '{slug}' as {other}",
              "Đổi tên tệp: chữ thường không dấu, số và dấu gạch ngang, khác tên các tệp khác và khác 'index'.",
              "Rename the file: lowercase ASCII letters, digits and hyphens, unlike the other files and not 'index'."),
    ]
}


@dataclass(frozen=True)
class Location:
    """Where a problem is: file (and line/column when known), contest and entry."""

    file: Path | None = None
    line: int | None = None
    column: int | None = None
    contest: str | None = None
    entry: str | None = None
    field: str | None = None

    def describe(self, root: Path | None = None) -> str:
        if self.file is None:
            text = self.contest or ""
        else:
            path = self.file
            if root is not None:
                try:
                    path = self.file.resolve().relative_to(root.resolve())
                except ValueError:
                    pass
            text = str(path)
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One finding: a code from ``CODES``, where it is, and its message values."""

    code: str
    where: Location = field(default_factory=Location)
    values: dict[str, Any] = field(default_factory=dict)
    severity_override: Severity | None = None  # e.g. judging problems before results are published
    confidential: bool = False  # judging details before the results are published: private report only

    @property
    def info(self) -> CodeInfo:
        return CODES[self.code]

    @property
    def severity(self) -> Severity:
        return self.severity_override or self.info.severity

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: str = "vi") -> str:
        return _fill(self.info.message, lang, self.values)

    def hint(self, lang: str = "vi") -> str:
        return _fill(self.info.hint, lang, self.values)

    def format(self, lang: str = "vi", root: Path | None = None, reference: str | None = None) -> str:
        """One human-readable block: where, code, message, how to fix it and where the code is explained.

        ``reference``: the address of the error-code page (ends with '#' + code).
        """
        label = {"vi": {"error": "lỗi", "warning": "cảnh báo"},
                 "en": {"error": "error", "warning": "warning"}}[_lang(lang)][self.severity.value]
        fix = {"vi": "Cách sửa", "en": "How to fix"}[_lang(lang)]
        where = self.where.describe(root)
        head = f"{where}: " if where else ""
        hint = self.hint(lang).replace("\n", "\n        ")  # an example over several lines stays under its heading
        text = f"{head}{label} {self.code}: {self.message(lang)}\n    {fix}: {hint}"
        if reference:
            more = {"vi": "Giải thích mã lỗi", "en": "About this code"}[_lang(lang)]
            text += f"\n    {more}: {reference}#{self.code}"
        return text


def _lang(lang: str) -> str:
    return lang if lang in ("vi", "en") else "vi"


class _Defaults(dict):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(texts: dict[str, str], lang: str, values: dict[str, Any]) -> str:
    return texts[_lang(lang)].format_map(_Defaults(values))


class ProblemList(list):
    """A list of problems with helpers to ask about errors."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self if not p.is_error]

    def report(self, lang: str = "vi", root: Path | None = None, reference: str | None = None) -> str:
        return "\n".join(p.format(lang, root, reference) for p in self)
