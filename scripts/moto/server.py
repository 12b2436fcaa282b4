#!/usr/bin/python3
"""moto_server, with DescribeImages answering the image fields that real EC2 returns and moto 5.1 omits.

moto 5.1.1 (Debian trixie's python3-moto) renders every image with imageOwnerAlias "amazon" and without
productCodes, sourceImageId or sourceImageRegion, and its seed loader overwrites owner aliases. Those are
exactly the fields the pack resolves AMIs by, so this launcher extends the image model and the response
template (nothing else) before starting the unmodified server. Seed images (MOTO_AMIS_PATH) may then carry
"image_owner_alias", "product_codes", "source_image_id" and "source_image_region"; CopyImage records its
source as EC2 does.
"""
import sys

import moto
from moto.ec2.models import amis as ami_models
from moto.ec2.responses import amis as ami_responses
from moto.server import main

ALIAS = "<imageOwnerAlias>amazon</imageOwnerAlias>"
TAIL = "<hypervisor>xen</hypervisor>"


def patch() -> None:
    template = ami_responses.DESCRIBE_IMAGES_RESPONSE
    if ALIAS not in template or TAIL not in template:
        sys.exit(f"scripts/moto/server.py: moto {moto.__version__} changed its DescribeImages template; update this patch")
    extra = (
        "{% if image.product_codes %}<productCodes>{% for code in image.product_codes %}"
        "<item><productCode>{{ code }}</productCode><type>marketplace</type></item>{% endfor %}</productCodes>{% endif %}"
        "{% if image.source_image_id %}<sourceImageId>{{ image.source_image_id }}</sourceImageId>{% endif %}"
        "{% if image.source_image_region %}<sourceImageRegion>{{ image.source_image_region }}</sourceImageRegion>{% endif %}"
    )
    ami_responses.DESCRIBE_IMAGES_RESPONSE = template.replace(
        ALIAS, "{% if image.image_owner_alias %}<imageOwnerAlias>{{ image.image_owner_alias }}</imageOwnerAlias>{% endif %}"
    ).replace(TAIL, extra + TAIL)

    original_init = ami_models.Ami.__init__

    def init(self, *args, image_owner_alias=None, source_image_id=None, source_image_region=None, **kwargs):
        original_init(self, *args, **kwargs)
        source = kwargs.get("source_ami")
        self.image_owner_alias = image_owner_alias
        self.source_image_id = source_image_id or (source.id if source else None)
        self.source_image_region = source_image_region or (source.ec2_backend.region_name if source else None)

    ami_models.Ami.__init__ = init


if __name__ == "__main__":
    patch()
    sys.exit(main())
