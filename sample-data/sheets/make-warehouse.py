#!/usr/bin/python3
# Writes warehouse-deductions.xlsx, the deduction sheet of scheme B (seeds/001,
# 四.3 上下架员评定标准) as a department keeps it: its own headers, its own
# wording, dates as date cells and as text in three ways. svc-map(5) reads it
# with warehouse-deductions.map. Debian's python3-openpyxl; the file is the
# same bytes on every run (fixed document dates and zip times).
#   /usr/bin/python3 sample-data/sheets/make-warehouse.py
import datetime
import io
import os
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
WHEN = datetime.datetime(2026, 10, 12, 9, 0, 0)

wb = openpyxl.Workbook()
wb.properties.creator = "冷冻库"
wb.properties.created = WHEN
wb.properties.modified = WHEN
ws = wb.active
ws.title = "第41周"
ws.append(["序号", "日期", "工号", "姓名", "扣分项目", "分值", "备注"])
rows = [
    ("2026/10/5", "W010", "金鹏", "卫生较差", -5, "冷冻库A区地面积霜未清"),
    (datetime.date(2026, 10, 6), "W011", "陆俊", "入储产品倾斜歪垛", -2, None),
    ("2026年10月7日", "W012", "蔡伟", "上下架不及时", -10, "入库延误40分钟"),
    ("10-08 14:30", "W013", "倪浩然", "储位规划不合理", -5, None),
    (datetime.datetime(2026, 10, 9, 9, 15), "W010", "金鹏", "数据差异", -10,
     "盘点差2箱"),
    ("2026/10/10", "W011", "陆俊", "卫生较差", -5, None),
]
for i, r in enumerate(rows, 1):
    ws.append([i] + list(r))
for c in ("B2", "B3", "B4", "B5", "B6", "B7"):
    if isinstance(ws[c].value, datetime.datetime):
        ws[c].number_format = "yyyy/m/d h:mm"
    elif isinstance(ws[c].value, datetime.date):
        ws[c].number_format = "yyyy/m/d"
buf = io.BytesIO()
wb.save(buf)
buf.seek(0)
# openpyxl stamps the zip entries with the time of saving
with zipfile.ZipFile(buf) as src, zipfile.ZipFile(
        os.path.join(HERE, "warehouse-deductions.xlsx"), "w",
        zipfile.ZIP_DEFLATED) as out:
    for info in src.infolist():
        z = zipfile.ZipInfo(info.filename, date_time=(2026, 10, 12, 9, 0, 0))
        z.compress_type = zipfile.ZIP_DEFLATED
        out.writestr(z, src.read(info.filename))
