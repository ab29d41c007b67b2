"""Attachments through the SDK's three-step upload, listing and signed download."""

import requests
from plane.models.work_items import CreateWorkItem


def test_upload_list_download(client, slug, project):
    item = client.work_items.create(slug, project.id, CreateWorkItem(name="Has a file"))
    attachments = client.work_items.attachments
    uploaded = attachments.upload_from_bytes(slug, project.id, item.id, b"%PDF-1.4 tiny", "report.pdf", "application/pdf")
    assert uploaded.asset.endswith("-report.pdf")
    listed = attachments.list(slug, project.id, item.id)
    assert [a.id for a in listed] == [uploaded.id]
    assert listed[0].is_uploaded
    url = attachments.get_download_url(slug, project.id, item.id, uploaded.id)
    body = requests.get(url, timeout=10)
    assert body.status_code == 200
    assert body.content == b"%PDF-1.4 tiny"
    attachments.delete(slug, project.id, item.id, uploaded.id)
    assert attachments.list(slug, project.id, item.id) == []
