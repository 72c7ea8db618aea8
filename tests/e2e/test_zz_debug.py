import re, time
from playwright.sync_api import expect
from harness.browser import wait_for_backend
from tests.e2e.test_pipeline import clinic_with_leads, open_board, DESK

def test_debug(new_context, app_lb):
    _, login, ids = clinic_with_leads(app_lb, {"contacted": ["Ana Lima"]}, role="admin")
    page = new_context(viewport=DESK).new_page()
    log = open("/tmp/ws.log", "w")
    T0 = time.time()
    page.on("websocket", lambda ws: (ws.on("framesent", lambda p: log.write(f"SENT {time.time()-T0:.2f} {p}\n")), ws.on("framereceived", lambda p: log.write(f"RECV {time.time()-T0:.2f} {p}\n"))))
    open_board(page, login)
    log.write("CLICK\n")
    page.click("#pipeline-manage-stages")
    page.wait_for_url(re.compile(r"/pipeline/stages"))
    wait_for_backend(page)
    log.write("FILL\n")
    page.fill("#stage-new-label", "Avaliação")
    page.click("#stage-add")
    page.wait_for_timeout(6000)
    log.write(f"ROWS {page.locator('[id^=stage-form-]').count()}\n")
    log.close()
