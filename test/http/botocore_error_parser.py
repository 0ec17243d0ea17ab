"""Reads AWS error answers as botocore does, for test/http/aws_error_botocore_test.ts.

Input (stdin): a JSON list of {"protocol", "status", "headers", "body"}, where protocol is
botocore's name for the service's wire protocol (query, ec2, rest-xml, json, rest-json).
Output (stdout): a JSON list of {"code", "message", "requestId"} as botocore's response
parser for that protocol reads them (the `Error` and `ResponseMetadata` of its result).
"""
import json
import sys

from botocore.parsers import create_parser


def read(answer):
    response = {
        "status_code": answer["status"],
        "headers": {name.lower(): value for name, value in answer["headers"].items()},
        "body": answer["body"].encode("utf-8"),
    }
    parsed = create_parser(answer["protocol"]).parse(response, None)
    error = parsed.get("Error", {})
    metadata = parsed.get("ResponseMetadata", {})
    return {
        "code": error.get("Code", ""),
        "message": error.get("Message", ""),
        "requestId": metadata.get("RequestId", ""),
    }


json.dump([read(answer) for answer in json.load(sys.stdin)], sys.stdout)
